using System.Diagnostics;
using Cchc.Api.V1;
using Cchc.LoadGen.Workload;

namespace Cchc.LoadGen.Scenarios;

/// <summary>Imports the units of every province in scope (one client stream) and stores the framework for each province.</summary>
internal static class SetupScenario
{
    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        if (context.Loaded)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        using (var call = context.Client.Registry.StreamImportUnits(cancellationToken: cancellationToken))
        {
            foreach (var province in context.Provinces)
            {
                await call.RequestStream.WriteAsync(new StreamImportUnitsRequest { Chunk = province }, cancellationToken);
            }

            await call.RequestStream.CompleteAsync();
            var imported = await call;
            context.Note($"imported {imported.ProvinceCount} provinces, {imported.DistrictCount} districts, {imported.CommuneCount} communes in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.00} s");
        }

        started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(context.Provinces, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (province, token) =>
            await context.Client.Frameworks.PutFrameworkAsync(new PutFrameworkRequest
            {
                ProvinceCode = province.ProvinceCode,
                Year = ScoreFactory.Period.Year,
                Framework = context.Framework.Proto,
            }, cancellationToken: token));
        context.Note($"stored the framework ({context.Framework.Leaves.Count} leaves, {context.Framework.SelfAssessed.Count} self-assessed) for {context.Provinces.Count} provinces in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.00} s");
        context.Loaded = true;
    }
}
