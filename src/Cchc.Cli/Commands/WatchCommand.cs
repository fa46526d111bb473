using System.CommandLine;
using Cchc.Api.V1;
using Cchc.Cli.Live;
using Cchc.Cli.Options;
using Cchc.Cli.Rendering;
using Cchc.Cli.Rpc;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cchc.Cli.Commands;

/// <summary><c>cchc watch --scope CODE --year Y [--field F] [--top N]</c>: the live ranking, redrawn as scores arrive.</summary>
internal sealed class WatchCommand : Command
{
    private readonly PeriodOptions _period = new();

    public WatchCommand(CliContext context, GlobalOptions global)
        : base("watch", "Watch a ranking live during appraisal season (Ctrl+C to stop).")
    {
        Add(Scope);
        _period.AddTo(this);
        Add(Field);
        Add(Top);
        this.SetServerAction(context, global, (result, connection, ct) => RunAsync(context, result, connection, ct));
    }

    public Option<string> Scope { get; } = CliOptions.Scope();

    public Option<string> Field { get; } = CliOptions.Field();

    public Option<int> Top { get; } = new("--top")
    {
        Description = "Show only the first N entries; all when left out.",
        HelpName = "N",
        CustomParser = r => CliOptions.PositiveInt(r, "--top", 1, 100_000),
    };

    public WatchRankingRequest ToRequest(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new WatchRankingRequest
        {
            ScopeCode = result.GetRequiredValue(Scope),
            Period = _period.ToPeriod(result),
            FieldCode = result.GetValue(Field) ?? string.Empty,
        };
    }

    /// <summary>The live table: the view's entries (the first <paramref name="top"/>), the moved unit highlighted.</summary>
    public static IRenderable Render(LiveRankingView view, WatchRankingRequest request, int top)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(request);
        var what = request.FieldCode.Length == 0 ? "Chỉ số CCHC" : $"Lĩnh vực {request.FieldCode}";
        var title = view.HasSnapshot
            ? $"{what}, {request.ScopeCode}, {PeriodKindNames.Describe(request.Period)}: {view.UnitCount} đơn vị, phiên bản {view.Version}"
            : $"{what}, {request.ScopeCode}: connecting…";
        IEnumerable<RankingEntry> entries = view.Entries;
        if (top > 0)
        {
            entries = entries.Take(top);
        }

        return RankingTable.Build(entries, view.LastChangedCodes, title);
    }

    private async Task<int> RunAsync(CliContext context, ParseResult result, CchcConnection connection, CancellationToken cancellationToken)
    {
        var request = ToRequest(result);
        var top = result.GetValue(Top);
        var view = new LiveRankingView();
        var watcher = new RankingWatcher(connection.Clients.Ranking, context.Time);
        var gate = new Lock();
        await context.Console.Live(Render(view, request, top)).StartAsync(async live =>
        {
            await watcher.RunAsync(request, view, () =>
            {
                lock (gate)
                {
                    live.UpdateTarget(Render(view, request, top));
                    live.Refresh();
                }
            }, cancellationToken);
        });
        context.Console.MarkupLine("[grey]The server ended the live ranking.[/]");
        return ExitCodes.Success;
    }
}
