using System.Collections;
using System.Runtime.InteropServices;
using Cchc.Server.Board;
using Cchc.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Cchc.Server;

/// <summary>cchc-server: reads its configuration, serves until SIGTERM or Ctrl+C, then stops gracefully.</summary>
public static class Program
{
    public const int ExitOk = 0;
    public const int ExitCannotStart = 1;
    public const int ExitBadConfiguration = 2;

    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (ServerConfiguration.WantsHelp(args))
        {
            await Console.Out.WriteLineAsync(ServerConfiguration.Usage);
            return ExitOk;
        }

        ServerOptions options;
        try
        {
            var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
            options = ServerConfiguration.Read(args, environment, AppContext.BaseDirectory);
        }
        catch (ServerConfigurationException e)
        {
            await Console.Error.WriteLineAsync($"cchc-server: {e.Message}");
            return ExitBadConfiguration;
        }

        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

        CchcServerHost host;
        var starting = true;
        try
        {
            host = await CchcServerHost.StartAsync(options, Logging, stop.Token);
            starting = false;
        }
        catch (ServerStartException e)
        {
            await Console.Error.WriteLineAsync($"cchc-server: {e.Message}");
            return ExitCannotStart;
        }
        catch (OperationCanceledException)
        {
            return ExitOk;
        }

        await using (host)
        {
            await Console.Out.WriteLineAsync(host.Banner);
            await Console.Out.WriteLineAsync(host.SiloLine);
            if (host.MetricsAddress is { } metrics)
            {
                await Console.Out.WriteLineAsync($"cchc-server metrics at {metrics} (Prometheus text format)");
                await Console.Out.WriteLineAsync($"cchc-server live ranking board at {new Uri(metrics, BoardHosting.PathPrefix)} (sign in at /board/login)");
            }

            if (host.SecurityNotice is { } notice)
            {
                await Console.Out.WriteLineAsync(notice);
            }
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }

            await Console.Out.WriteLineAsync("cchc-server stopping: draining calls, writing grain state, closing storage");
            await host.StopAsync();
            await Console.Out.WriteLineAsync("cchc-server stopped");
        }

        return ExitOk;

        void Logging(ILoggingBuilder logging) => logging
            .AddConfiguration(new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true).Build().GetSection("Logging"))

            // Logs go to stderr: stdout carries only the banner and the lines after it, which scripts read.
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)

            // A failed start is reported in one line below; the host's own stack trace would bury it.
            .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None)
            .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None)

            // Likewise the silo's three stack traces of a start that failed (its storage unreachable, its port taken);
            // once it serves, its warnings and errors are logged as the default level says. (The category is a prefix:
            // Orleans.Runtime.Silo, SiloLifecycleSubject, SiloOptionsLogger...)
            .AddFilter("Orleans.Runtime.Silo", level => level >= LogLevel.Warning && !Volatile.Read(ref starting))

            // Orleans 10.4.2's watchdog warns once at start that its check "has not completed" for as long as the
            // machine has been up (it measures from a zero timestamp). A stalled silo is still reported, by
            // Orleans.Runtime.MembershipService.LocalSiloHealthMonitor, which stays on.
            .AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);

        void Stop(PosixSignalContext context)
        {
            // Let Main finish the graceful stop instead of the runtime's default termination.
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
