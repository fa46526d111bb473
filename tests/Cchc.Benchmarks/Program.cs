using BenchmarkDotNet.Running;

namespace Cchc.Benchmarks;

/// <summary>Runs the benchmarks chosen by BenchmarkDotNet's command line, e.g. <c>--filter '*Ranker*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
