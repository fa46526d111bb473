using System.CommandLine;
using Cchc.Api.V1;
using Cchc.Cli.Options;
using Cchc.Cli.Rpc;
using Cchc.Cli.Units;
using Spectre.Console;

namespace Cchc.Cli.Commands;

/// <summary><c>cchc units import --file F [--province 01]</c>.</summary>
internal sealed class UnitsImportCommand : Command
{
    public UnitsImportCommand(CliContext context, GlobalOptions global)
        : base("import", "Import units from a national list file (all provinces as a client stream, or one province).")
    {
        Add(File);
        Add(Province);
        this.SetServerAction(context, global, (result, connection, ct) => RunAsync(context.Console, result, connection, ct));
    }

    public Option<FileInfo> File { get; } = CliOptions.File("The unit list, e.g. ../shared/data/units-2025-03-01.json or deploy/samples/units-hai-duong-tu-ky.json.");

    public Option<string> Province { get; } = CliOptions.Province("Import only this province (2-digit code); all provinces when left out.", required: false);

    private async Task<int> RunAsync(IAnsiConsole console, ParseResult result, CchcConnection connection, CancellationToken cancellationToken)
    {
        var path = result.GetRequiredValue(File).FullName;
        var provinces = await UnitsFile.ReadAsync(path, cancellationToken);
        if (result.GetValue(Province) is { } code)
        {
            var province = UnitsFile.Province(provinces, code, path);
            ImportUnitsResponse? response = null;
            await console.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask($"Tỉnh {province.ProvinceCode}: {province.Units.Count} đơn vị", maxValue: 1);
                response = await connection.Clients.Registry.ImportUnitsAsync(province, cancellationToken: cancellationToken);
                task.Increment(1);
            });
            console.MarkupLineInterpolated($"Imported province {province.ProvinceCode} ({province.Units[0].Name}): {response!.DistrictCount} districts, {response.CommuneCount} communes, years {Years(province)}.");
            return ExitCodes.Success;
        }

        var total = provinces.Sum(p => p.Units.Count);
        StreamImportUnitsResponse? streamed = null;
        await console.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"{provinces.Count} tỉnh, {total} đơn vị", maxValue: total);
            using var call = connection.Clients.Registry.StreamImportUnits(cancellationToken: cancellationToken);
            foreach (var province in provinces)
            {
                foreach (var chunk in UnitChunks.Split(province))
                {
                    await call.RequestStream.WriteAsync(chunk, cancellationToken);
                    task.Increment(chunk.Chunk.Units.Count);
                }
            }

            await call.RequestStream.CompleteAsync();
            streamed = await call;
        });
        console.MarkupLineInterpolated($"Imported {streamed!.ProvinceCount} provinces: {streamed.DistrictCount} districts, {streamed.CommuneCount} communes.");
        return ExitCodes.Success;
    }

    private static string Years(ImportUnitsRequest request) =>
        $"{(request.FirstYear == 0 ? "…" : request.FirstYear)}–{(request.LastYear == 0 ? "…" : request.LastYear)}";
}
