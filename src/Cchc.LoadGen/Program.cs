using System.Runtime.InteropServices;
using Cchc.LoadGen.Anchors;
using Cchc.LoadGen.Capacity;

namespace Cchc.LoadGen;

/// <summary>cchc-bench: <c>run</c> (the load generator), <c>raw-endpoint</c> and <c>make-request-file</c> (for the h2load anchors).</summary>
public static class Program
{
    private const string Usage = "Usage: cchc-bench run [options] | capacity [options] | raw-endpoint --listen HOST:PORT | make-request-file --out FILE [--unit CODE] [--scope CODE] [--page-size N]\n(cchc-bench run --help lists the run options)";

    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var rest = args.Skip(1).ToArray();
        try
        {
            return args.FirstOrDefault() switch
            {
                "run" when rest.Any(a => a is "--help" or "-h") => await Help(RunOptions.Usage),
                "run" => await RunCommand.RunAsync(RunOptions.Parse(rest), Console.Out, stop.Token),
                "capacity" when rest.Any(a => a is "--help" or "-h") => await Help(CapacityOptions.Usage),
                "capacity" => await CapacityCommand.RunAsync(CapacityOptions.Parse(rest), Console.Out, stop.Token),
                "raw-endpoint" => await RawEndpoint.RunAsync(rest, Console.Out, stop.Token),
                "make-request-file" => await RequestFile.RunAsync(rest, Console.Out, stop.Token),
                _ => await Help(Usage, exitCode: 2),
            };
        }
        catch (BenchException e)
        {
            await Console.Error.WriteLineAsync($"cchc-bench: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("cchc-bench: stopped");
            return 130;
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private static async Task<int> Help(string text, int exitCode = 0)
    {
        await Console.Out.WriteLineAsync(text);
        return exitCode;
    }
}
