using System.Net;
using System.Net.Sockets;

namespace Cchc.Testing;

/// <summary>Finds a free TCP port on 127.0.0.1 for a server a test starts.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
