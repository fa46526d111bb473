using Cchc.Grpc.Client;
using Cchc.Server.Hosting;
using Cchc.Testing;

namespace Cchc.Server.Tests;

/// <summary>The real server in this process on a free loopback port, over a temp data directory, with a client.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(CchcServerHost host, string dataDirectory, bool ownsDirectory)
    {
        Host = host;
        DataDirectory = dataDirectory;
        OwnsDirectory = ownsDirectory;
        Client = new GrpcClient(host.Address);
    }

    public CchcServerHost Host { get; }

    public GrpcClient Client { get; }

    public string DataDirectory { get; }

    private bool OwnsDirectory { get; }

    public static async Task<RunningServer> StartAsync(string? dataDirectory = null)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "cchc-server-tests-" + Guid.NewGuid().ToString("N"));
        var options = new ServerOptions { Port = LoopbackPort.Free(), DataDirectory = dataDirectory, ShutdownTimeout = TimeSpan.FromSeconds(5) };
        var host = await CchcServerHost.StartAsync(options);
        return new RunningServer(host, dataDirectory, owns);
    }

    /// <summary>Stops the server but keeps the data directory, for a restart.</summary>
    public async Task StopAsync()
    {
        Client.Dispose();
        await Host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Host.DisposeAsync();
        if (OwnsDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
