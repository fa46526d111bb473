namespace Cchc.Storage.Internal;

internal enum WriteKind
{
    Write,
    Clear,
}
