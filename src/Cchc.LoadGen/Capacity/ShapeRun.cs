using System.Diagnostics;
using Cchc.Api.Import;
using Cchc.Api.V1;
using Cchc.LoadGen.Hosting;
using Cchc.LoadGen.Workload;
using Grpc.Core;

namespace Cchc.LoadGen.Capacity;

/// <summary>
/// One shape's capacity run. A first server process imports the units, puts the framework of every province and
/// takes one whole self-assessment per commune; it is stopped (SIGTERM) and a second process on the same SQLite
/// file is measured from nothing active. After a warm-up on the smallest province (so the code paths are compiled
/// and their one-off caches filled), each step activates one grain kind for the other provinces through the public
/// API, then forces a full GC and reads /metrics: memory, and Orleans' own activation counts by grain type.
/// </summary>
internal sealed class ShapeRun(CapacityOptions options, Shape shape, BenchFramework framework, TextWriter output)
{
    private const int Parallelism = 16;

    // Orleans' default grain type names: the class name without "Grain", lower case.
    private const string RegistryType = "unitregistry";
    private const string UnitType = "unit";
    private const string FrameworkType = "framework";
    private const string CommuneType = "commune";
    private const string RankingType = "ranking";

    private readonly List<MemoryStep> _steps = [];

    public async Task<ShapeResult> RunAsync(CancellationToken cancellationToken)
    {
        var all = await NationalUnitsFile.ReadAsync(shape.File, cancellationToken);
        var warm = all.MinBy(CommuneCount)!;
        var rest = all.Where(p => p != warm).OrderBy(CommuneCount).ThenBy(p => p.ProvinceCode, StringComparer.Ordinal).ToList();
        var measured = options.Provinces is { } n ? rest.Take(n).ToList() : rest;
        var dataDir = Directory.CreateTempSubdirectory("cchc-capacity-").FullName;
        ServerProcess? server = null;
        try
        {
            server = await ServerProcess.StartAsync(options.ServerDll, dataDir, postgres: null, cancellationToken);
            Note($"shape {shape.Name}: year {shape.Year}, warm-up province {warm.ProvinceCode} ({CommuneCount(warm)} communes), measured {measured.Count} provinces, " +
                $"{measured.Sum(CommuneCount)} communes, {measured.Sum(DistrictCount)} districts; server pid {server.Pid}, SQLite in {dataDir}");
            using (var loader = new BenchClients([server.Address]))
            {
                await LoadAsync(loader, [warm, .. measured], cancellationToken);
            }

            var stopped = Stopwatch.GetTimestamp();
            await server.StopAsync(cancellationToken);
            await server.StartAgainAsync(cancellationToken);
            Note($"restarted the server on the stored data in {Stopwatch.GetElapsedTime(stopped).TotalSeconds:0.0} s: pid {server.Pid}, nothing active");
            return await MeasureAsync(server, warm, measured, [.. all.Select(CommuneCount)], cancellationToken);
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            Directory.Delete(dataDir, recursive: true);
        }
    }

    private async Task LoadAsync(BenchClients client, IReadOnlyList<ImportUnitsRequest> provinces, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using (var call = client.Registry.StreamImportUnits(cancellationToken: cancellationToken))
        {
            foreach (var province in provinces)
            {
                await call.RequestStream.WriteAsync(new StreamImportUnitsRequest { Chunk = province }, cancellationToken);
            }

            await call.RequestStream.CompleteAsync();
            var imported = await call;
            Note($"imported {imported.ProvinceCount} provinces, {imported.DistrictCount} districts, {imported.CommuneCount} communes in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        }

        await ForEachAsync(provinces, p => client.Frameworks.PutFrameworkAsync(new PutFrameworkRequest
        {
            ProvinceCode = p.ProvinceCode,
            Year = shape.Year,
            Framework = framework.Proto,
        }, cancellationToken: cancellationToken).ResponseAsync, cancellationToken);

        started = Stopwatch.GetTimestamp();
        var communes = provinces.SelectMany(Communes).ToList();
        await ForEachAsync(communes, c =>
        {
            var request = ScoreFactory.SelfAssessment(c.Code, framework);
            request.Period = shape.Period;
            return client.Scoring.SubmitScoresAsync(request, cancellationToken: cancellationToken).ResponseAsync;
        }, cancellationToken);
        Note($"frameworks put; one self-assessment of {framework.SelfAssessed.Count} items for each of {communes.Count} communes in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
    }

    private async Task<ShapeResult> MeasureAsync(ServerProcess server, ImportUnitsRequest warm, IReadOnlyList<ImportUnitsRequest> measured, IReadOnlyList<int> shapeCommunes, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var client = new BenchClients([server.Address]);
        var gc = new ForcedGc(server.Pid ?? throw new BenchException("The server is not running."), http, server.MetricsAddress);
        var idle = await gc.CollectAndReadAsync(cancellationToken);
        Note($"idle silo: {CapacityReport.Mb(idle.ManagedBytes)} managed, {CapacityReport.Mb(idle.WorkingSetBytes)} working set, {CapacityReport.Mb(idle.PrivateBytes)} private");

        await Activate(client, [warm], includePrevious: shape.HasPreviousYear, cancellationToken);
        await using (var warmWatchers = new WatcherPool(client.Ranking))
        {
            await warmWatchers.OpenAsync(4, [warm.ProvinceCode], shape.Period, TimeSpan.FromMinutes(1), cancellationToken);
        }

        var current = await gc.CollectAndReadAsync(cancellationToken);
        var baseline = current;
        Note($"after the warm-up on province {warm.ProvinceCode}: {CapacityReport.Mb(baseline.ManagedBytes)} managed, {CapacityReport.Mb(baseline.WorkingSetBytes)} working set");

        async Task Step(string name, string kind, Func<Task> action)
        {
            var started = Stopwatch.GetTimestamp();
            await action();
            var took = Stopwatch.GetElapsedTime(started);
            var after = await gc.CollectAndReadAsync(cancellationToken);
            var step = MemoryStep.Between(name, kind, current, after);
            _steps.Add(step);
            current = after;
            output.WriteLine(CapacityReport.Line(shape, step, took));
            output.Flush();
        }

        var provinces = measured.Select(p => p.ProvinceCode).ToList();
        var districts = measured.SelectMany(p => p.Units.Where(u => u.Level == UnitLevel.District).Select(u => u.Code)).ToList();
        var communes = measured.SelectMany(Communes).Select(c => c.Code).ToList();
        await Step("registry", RegistryType, () => ForEachAsync(provinces, p => ListAsync(client, p, cancellationToken), cancellationToken));
        await Step("unit", UnitType, async () =>
        {
            await ForEachAsync(districts, d => ListAsync(client, d, cancellationToken), cancellationToken);
            await ForEachAsync(communes, c => RejectedSubmissionAsync(client, c, cancellationToken), cancellationToken);
        });
        await Step("framework", FrameworkType, () => ForEachAsync(provinces, p => client.Frameworks.GetFrameworkAsync(
            new GetFrameworkRequest { ProvinceCode = p, Year = shape.Year }, cancellationToken: cancellationToken).ResponseAsync, cancellationToken));
        await Step("commune", CommuneType, () => ForEachAsync(communes, c => LostPointsAsync(client, c, shape.Period, cancellationToken), cancellationToken));
        if (shape.HasPreviousYear)
        {
            await Step("commune.previous-year", CommuneType, () => ForEachAsync(communes, c => LostPointsAsync(client, c, PreviousPeriod, cancellationToken), cancellationToken));
        }

        await Step("ranking", RankingType, () => ForEachAsync(districts.Concat(provinces).ToList(), s => client.Ranking.GetRankingAsync(
            new GetRankingRequest { ScopeCode = s, Period = shape.Period, PageSize = 20 }, cancellationToken: cancellationToken).ResponseAsync, cancellationToken));
        var beforeWatchers = current;

        var fanoutProvince = measured.MaxBy(CommuneCount)!;
        await using (var watchers = new WatcherPool(client.Ranking))
        {
            foreach (var total in options.Watchers)
            {
                await Step($"watchers.{total}", MemoryStep.WatcherKind, () => watchers.OpenAsync(total - watchers.Count, provinces, shape.Period, TimeSpan.FromMinutes(10), cancellationToken));
            }
        }

        var final = current;
        IReadOnlyList<FanoutPoint> fanout = [];
        if (options.FanoutWatchers > 0)
        {
            fanout = await FanoutProbe.RunAsync(client, server, http, fanoutProvince.ProvinceCode, [.. Communes(fanoutProvince).Select(c => c.Code)],
                framework, shape.Period, options, output, cancellationToken);
        }

        return new ShapeResult(shape, [.. measured.Select(CommuneCount)], shapeCommunes, districts.Count, idle, baseline, beforeWatchers, final, _steps,
            KindAttribution.Attribute(_steps), fanout);
    }

    // The warm-up: every call of the steps once, on one province.
    private async Task Activate(BenchClients client, IReadOnlyList<ImportUnitsRequest> provinces, bool includePrevious, CancellationToken cancellationToken)
    {
        foreach (var province in provinces)
        {
            var districts = province.Units.Where(u => u.Level == UnitLevel.District).Select(u => u.Code).ToList();
            var communes = Communes(province).Select(c => c.Code).ToList();
            await ListAsync(client, province.ProvinceCode, cancellationToken);
            await ForEachAsync(districts, d => ListAsync(client, d, cancellationToken), cancellationToken);
            await ForEachAsync(communes, c => RejectedSubmissionAsync(client, c, cancellationToken), cancellationToken);
            await client.Frameworks.GetFrameworkAsync(new GetFrameworkRequest { ProvinceCode = province.ProvinceCode, Year = shape.Year }, cancellationToken: cancellationToken);
            await ForEachAsync(communes, c => LostPointsAsync(client, c, shape.Period, cancellationToken), cancellationToken);
            if (includePrevious)
            {
                await ForEachAsync(communes, c => LostPointsAsync(client, c, PreviousPeriod, cancellationToken), cancellationToken);
            }

            await ForEachAsync([.. districts, province.ProvinceCode], s => client.Ranking.GetRankingAsync(
                new GetRankingRequest { ScopeCode = s, Period = shape.Period, PageSize = 20 }, cancellationToken: cancellationToken).ResponseAsync, cancellationToken);
        }
    }

    private Period PreviousPeriod => new() { Year = shape.Year - 1, Kind = PeriodKind.Year };

    private Task ListAsync(BenchClients client, string parent, CancellationToken cancellationToken) =>
        client.Registry.ListUnitsAsync(new ListUnitsRequest { ParentCode = parent, Year = shape.Year, PageSize = 1000 }, cancellationToken: cancellationToken).ResponseAsync;

    // The commune's unit grain alone: the server looks up the commune's membership before it checks the items, so a
    // batch whose only item has no code is refused (INVALID_ARGUMENT) after that lookup, with nothing written.
    private async Task RejectedSubmissionAsync(BenchClients client, string commune, CancellationToken cancellationToken)
    {
        var request = new SubmitScoresRequest { CommuneCode = commune, Period = shape.Period, Stage = Stage.AppraisalRound1 };
        request.Items.Add(new ItemScore { ItemCode = "", Points = "1" });
        try
        {
            await client.Scoring.SubmitScoresAsync(request, cancellationToken: cancellationToken);
            throw new BenchException($"A batch with an empty item code for commune {commune} was accepted; the unit step relies on its refusal.");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
        {
        }
    }

    // A period with no framework (the year before a 2024 run) is refused (FAILED_PRECONDITION) once the commune's grain
    // has loaded its (empty) scores: that activation is the one a 2024 ranking read makes for the 2023 ranking.
    private async Task LostPointsAsync(BenchClients client, string commune, Period period, CancellationToken cancellationToken)
    {
        try
        {
            await client.Scoring.GetLostPointsAsync(new GetLostPointsRequest { CommuneCode = commune, Period = period }, cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition && period.Year < shape.Year)
        {
        }
    }

    private static Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, Task> call, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (item, _) => await call(item));

    private static IEnumerable<Commune> Communes(ImportUnitsRequest province) =>
        province.Units.Where(u => u.Level == UnitLevel.Commune).Select(u => new Commune(u.Code, u.Name, province.ProvinceCode));

    private static int CommuneCount(ImportUnitsRequest province) => province.Units.Count(u => u.Level == UnitLevel.Commune);

    private static int DistrictCount(ImportUnitsRequest province) => province.Units.Count(u => u.Level == UnitLevel.District);

    private void Note(string line)
    {
        output.WriteLine("# " + line);
        output.Flush();
    }
}
