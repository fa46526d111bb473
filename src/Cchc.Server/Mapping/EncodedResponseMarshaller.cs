using Google.Protobuf;
using Grpc.Core;

namespace Cchc.Server.Mapping;

/// <summary>
/// Writes a response that <see cref="SharedMessages"/> mapped and encoded once as those bytes, and any other through
/// the generated serializer. A whole province's ranking (549 entries) is the same answer for every read until the
/// ranking changes; sizing and encoding it again for each read was about half of the server's CPU samples in a run of
/// whole-province reads (<c>deploy/bench/README.md</c>).
/// </summary>
internal static class EncodedResponseMarshaller
{
    public static Marshaller<T> Create<T>(Marshaller<T> generated, SharedMessages shared)
        where T : class, IMessage
    {
        ArgumentNullException.ThrowIfNull(generated);
        ArgumentNullException.ThrowIfNull(shared);
        return new Marshaller<T>(
            (message, context) =>
            {
                if (shared.TryGetEncoded(message, out var bytes))
                {
                    context.Complete(bytes);
                }
                else
                {
                    generated.ContextualSerializer(message, context);
                }
            },
            generated.ContextualDeserializer);
    }
}
