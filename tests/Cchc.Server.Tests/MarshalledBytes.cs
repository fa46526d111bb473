using Cchc.Server.Mapping;
using Grpc.Core;

namespace Cchc.Server.Tests;

/// <summary>What a marshaller writes for a message: the bytes gRPC would send as its payload.</summary>
internal static class MarshalledBytes
{
    public static byte[] Of<T>(Marshaller<T> marshaller, T message)
        where T : class
    {
        var context = new BufferSerializationContext();
        marshaller.ContextualSerializer(message, context);
        return context.Written;
    }
}
