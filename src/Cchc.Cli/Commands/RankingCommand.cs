using System.CommandLine;
using Cchc.Api.V1;
using Cchc.Cli.Options;
using Cchc.Cli.Rendering;
using Cchc.Cli.Rpc;
using Spectre.Console;

namespace Cchc.Cli.Commands;

/// <summary><c>cchc ranking --scope CODE --year Y [--field 3] [--top N]</c>.</summary>
internal sealed class RankingCommand : Command
{
    private const int MaxPageSize = 1000;

    private readonly PeriodOptions _period = new();

    public RankingCommand(CliContext context, GlobalOptions global)
        : base("ranking", "A ranking of communes in a province or district, overall or per field, best first.")
    {
        Add(Scope);
        _period.AddTo(this);
        Add(Field);
        Add(Top);
        this.SetServerAction(context, global, (result, connection, ct) => RunAsync(context.Console, result, connection, ct));
    }

    public Option<string> Scope { get; } = CliOptions.Scope();

    public Option<string> Field { get; } = CliOptions.Field();

    public Option<int> Top { get; } = new("--top")
    {
        Description = "Show only the first N entries; all when left out.",
        HelpName = "N",
        CustomParser = r => CliOptions.PositiveInt(r, "--top", 1, 100_000),
    };

    public GetRankingRequest ToRequest(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var top = result.GetValue(Top);
        return new GetRankingRequest
        {
            ScopeCode = result.GetRequiredValue(Scope),
            Period = _period.ToPeriod(result),
            FieldCode = result.GetValue(Field) ?? string.Empty,
            PageSize = top is > 0 and < MaxPageSize ? top : MaxPageSize,
        };
    }

    /// <summary>Reads a whole ranking (or its first <paramref name="top"/> entries) page by page.</summary>
    public static async Task<(GetRankingResponse First, List<RankingEntry> Entries)> ReadAsync(
        RankingService.RankingServiceClient ranking, GetRankingRequest request, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(request);
        var first = await ranking.GetRankingAsync(request, cancellationToken: cancellationToken);
        var entries = new List<RankingEntry>(first.Entries);
        var page = first;
        while (page.NextPageToken.Length > 0 && (top == 0 || entries.Count < top))
        {
            var next = request.Clone();
            next.PageToken = page.NextPageToken;
            page = await ranking.GetRankingAsync(next, cancellationToken: cancellationToken);
            entries.AddRange(page.Entries);
        }

        return (first, top > 0 ? entries.Take(top).ToList() : entries);
    }

    public static void Write(IAnsiConsole console, GetRankingRequest request, GetRankingResponse first, IReadOnlyList<RankingEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(first);
        var what = request.FieldCode.Length == 0 ? "Chỉ số CCHC" : $"Lĩnh vực {request.FieldCode}";
        var status = first.Published ? "đã công bố" : "chưa công bố";
        var title = $"{what}, {request.ScopeCode}, {PeriodKindNames.Describe(request.Period)}: {first.UnitCount} đơn vị, {first.GroupCount} nhóm hạng ({status}, phiên bản {first.Version})";
        console.Write(RankingTable.Build(entries, title: title));
        if (entries.Any(e => e.Provisional))
        {
            console.MarkupLine("[grey]* tự chấm: the index still rests on self-assessment only (provisional).[/]");
        }

        if (first.Unranked.Count > 0)
        {
            console.MarkupLine("[yellow]Not ranked:[/]");
            foreach (var unit in first.Unranked)
            {
                console.MarkupLineInterpolated($"  {unit.UnitCode} {unit.UnitName}: {unit.Reason}");
            }
        }
    }

    private async Task<int> RunAsync(IAnsiConsole console, ParseResult result, CchcConnection connection, CancellationToken cancellationToken)
    {
        var request = ToRequest(result);
        var (first, entries) = await ReadAsync(connection.Clients.Ranking, request, result.GetValue(Top), cancellationToken);
        Write(console, request, first, entries);
        return ExitCodes.Success;
    }
}
