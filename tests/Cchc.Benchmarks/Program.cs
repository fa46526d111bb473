using BenchmarkDotNet.Running;

namespace Cchc.Benchmarks;

/// <summary>Runs the benchmarks chosen by BenchmarkDotNet's command line, e.g. <c>--filter '*Ranker*'</c>.</summary>
public static class Program
{
    // Always in process: BenchmarkDotNet's default toolchain rebuilds this project under its own output folder, where
    // Grpc.Tools' generated sources of Cchc.Api are not found (CS2001), and every benchmark reported NA.
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
            .Run(args.Contains("--inProcess", StringComparer.OrdinalIgnoreCase) ? args : [.. args, "--inProcess"]);
}
