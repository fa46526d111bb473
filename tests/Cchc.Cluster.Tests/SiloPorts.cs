using Cchc.Testing;

namespace Cchc.Cluster.Tests;

/// <summary>A server's fixed loopback ports: gRPC, silo-to-silo and Orleans gateway. A restart reuses them.</summary>
internal sealed record SiloPorts(int Grpc, int Silo, int Gateway)
{
    /// <summary>Free ports for <paramref name="count"/> servers, all different.</summary>
    public static IReadOnlyList<SiloPorts> Allocate(int count)
    {
        var taken = new HashSet<int>();
        int Next()
        {
            int port;
            do
            {
                port = LoopbackPort.Free();
            }
            while (!taken.Add(port));
            return port;
        }

        return [.. Enumerable.Range(0, count).Select(_ => new SiloPorts(Next(), Next(), Next()))];
    }
}
