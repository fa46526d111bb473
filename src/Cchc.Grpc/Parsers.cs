using Google.Protobuf;

namespace Cchc.Grpc;

/// <summary>One parser per generated message type, made once (generated types also expose it as <c>T.Parser</c>).</summary>
internal static class Parsers<T>
    where T : class, IMessage<T>, new()
{
    public static readonly MessageParser<T> Instance = new(static () => new T());
}
