using Cchc.Security;
using Cchc.Security.Limits;
using Cchc.Server.Hosting;
using Cchc.Testing;

namespace Cchc.Server.Tests;

/// <summary>
/// The real server in this process on a free loopback port, over a temp data directory, started with a known signing
/// key so tests can call as any principal with real tokens.
/// </summary>
internal sealed class RunningServer : IAsyncDisposable
{
    // A season drives hundreds of calls a second as one council; the rate limit has its own test with a small one.
    private static readonly RateLimitOptions Unhurried = new() { PermitsPerSecond = 100_000, Burst = 100_000 };

    private readonly List<ApiClient> _clients = [];
    private readonly Lazy<ApiClient> _shared;

    private RunningServer(CchcServerHost host, string dataDirectory, bool ownsDirectory, TestTokens tokens)
    {
        Host = host;
        DataDirectory = dataDirectory;
        OwnsDirectory = ownsDirectory;
        Tokens = tokens;
        _shared = new Lazy<ApiClient>(Anonymous);
    }

    /// <summary>One client without a token of its own, shared by a test's calls that each carry their caller's token.</summary>
    public ApiClient Shared => _shared.Value;

    public CchcServerHost Host { get; }

    public string DataDirectory { get; }

    public TestTokens Tokens { get; }

    private bool OwnsDirectory { get; }

    /// <param name="dataDirectory">An existing data directory to start on (a restart), or null for a new one.</param>
    /// <param name="tokens">The key to start with (the same as before, for a restart), or null for a new one.</param>
    /// <param name="configure">Changes to the options, e.g. a small rate limit or authentication off.</param>
    public static async Task<RunningServer> StartAsync(string? dataDirectory = null, TestTokens? tokens = null, Func<ServerOptions, ServerOptions>? configure = null)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "cchc-server-tests-" + Guid.NewGuid().ToString("N"));
        tokens ??= new TestTokens();
        var options = new ServerOptions
        {
            Port = LoopbackPort.Free(),
            DataDirectory = dataDirectory,
            ShutdownTimeout = TimeSpan.FromSeconds(5),
            Security = new CchcSecurityOptions { Tokens = tokens.Options, RateLimit = Unhurried },
        };
        var host = await CchcServerHost.StartAsync(configure is null ? options : configure(options));
        return new RunningServer(host, dataDirectory, owns, tokens);
    }

    /// <summary>A client calling as <paramref name="principal"/>; disposed with the server.</summary>
    public ApiClient ClientAs(CchcPrincipal principal)
    {
        var client = Tokens.Client(Host.Address, principal);
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>A client that sends no token.</summary>
    public ApiClient Anonymous()
    {
        var client = new ApiClient(Host.Address);
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>Stops the server but keeps the data directory, for a restart.</summary>
    public async Task StopAsync()
    {
        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
            _clients.Clear();
        }

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
