using System.Globalization;
using Cchc.Api.Import;
using Cchc.LoadGen.Hosting;
using Cchc.LoadGen.Measurement;
using Cchc.LoadGen.Scenarios;
using Cchc.LoadGen.Workload;

namespace Cchc.LoadGen;

/// <summary><c>cchc-bench run</c>: starts (or uses) a server, loads the national data and runs the chosen scenarios in order.</summary>
internal static class RunCommand
{
    public static async Task<int> RunAsync(RunOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        if (!File.Exists(options.UnitsFile))
        {
            throw new BenchException($"The unit list {options.UnitsFile} does not exist; give --units (the file units-2025-03-01.json of ../shared/data).");
        }

        var all = await NationalUnitsFile.ReadAsync(options.UnitsFile, cancellationToken);
        var provinces = Scope(all, options);
        var framework = await BenchFramework.LoadAsync(options.FrameworkFile, options.Leaves, cancellationToken);
        MachineInfo.Write(output, options);

        ThrowawayPostgres? postgres = null;
        ServerProcess? server = null;
        var dataDir = Directory.CreateTempSubdirectory("cchc-bench-data-").FullName;
        try
        {
            if (options.Server is null)
            {
                if (options.Storage == "postgres")
                {
                    postgres = await ThrowawayPostgres.StartAsync(cancellationToken);
                }

                server = await ServerProcess.StartAsync(options.ServerDll, dataDir, postgres?.ConnectionString, cancellationToken);
                output.WriteLine($"# server pid {server.Pid} at {server.Address} storing in {(postgres is null ? "SQLite " + dataDir : $"PostgreSQL 127.0.0.1:{postgres.Port}")}");
            }

            using var client = new BenchClients(options.Server ?? [server!.Address]);
            var context = new BenchContext(options, client, server, postgres, provinces, framework, output);
            output.WriteLine($"# scope: {provinces.Count} provinces, {context.Communes.Count} communes; focus province {context.FocusProvince} ({context.CommunesOf(context.FocusProvince).Count} communes)");
            await SetupScenario.RunAsync(context, cancellationToken);
            foreach (var scenario in options.Scenarios)
            {
                await (scenario switch
                {
                    BulkScenario.Name => BulkScenario.RunAsync(context, cancellationToken),
                    AppraisalScenario.RateName => AppraisalScenario.RunAsync(context, fixedRate: true, cancellationToken),
                    AppraisalScenario.FullName => AppraisalScenario.RunAsync(context, fixedRate: false, cancellationToken),
                    ReadScenario.Top20 or ReadScenario.Province or ReadScenario.Unit => ReadScenario.RunAsync(context, scenario, cancellationToken),
                    WatchScenario.Name => WatchScenario.RunAsync(context, cancellationToken),
                    _ => RestartScenario.RunAsync(context, cancellationToken),
                });
            }

            SummaryTable.Write(output, context.Results);
            return context.Results.Any(r => r.Errors > 0) ? 3 : 0;
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }

            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static List<Api.V1.ImportUnitsRequest> Scope(IReadOnlyList<Api.V1.ImportUnitsRequest> all, RunOptions options)
    {
        if (options.Smoke && options.Provinces is null)
        {
            // The smallest province: a smoke run takes seconds.
            return [all.MinBy(p => p.Units.Count)!];
        }

        if (options.Provinces is not { } codes)
        {
            return [.. all];
        }

        var unknown = codes.Where(c => all.All(p => p.ProvinceCode != c)).ToList();
        return unknown.Count == 0
            ? [.. all.Where(p => codes.Contains(p.ProvinceCode))]
            : throw new BenchException($"--provinces: {string.Join(", ", unknown)} {(unknown.Count == 1 ? "is" : "are")} not a province code of {options.UnitsFile}.");
    }
}
