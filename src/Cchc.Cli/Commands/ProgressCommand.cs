using System.CommandLine;
using System.Globalization;
using Cchc.Api.V1;
using Cchc.Cli.Live;
using Cchc.Cli.Options;
using Cchc.Cli.Rendering;
using Cchc.Cli.Rpc;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cchc.Cli.Commands;

/// <summary>
/// <c>cchc progress --scope CODE --year Y [--half N|--quarter N] [--commune C] [--watch]</c>: how many communes have
/// entered all, some or none of each stage, the explanations pending, and one row per commune; live with --watch.
/// </summary>
internal sealed class ProgressCommand : Command
{
    private readonly PeriodOptions _period = new();

    public ProgressCommand(CliContext context, GlobalOptions global)
        : base("progress", "Progress of a season: communes that self-assessed, were appraised (rounds 1 and 2) and surveyed, all/some/none; explanations pending.")
    {
        Add(Scope);
        _period.AddTo(this);
        Add(Commune);
        Add(Watch);
        this.SetServerAction(context, global, (result, connection, ct) =>
            result.GetValue(Watch) ? WatchAsync(context, result, connection, ct) : ShowAsync(context, result, connection, ct));
    }

    public Option<string> Scope { get; } = CliOptions.Scope();

    public Option<string> Commune { get; } = CliOptions.Commune(required: false);

    public Option<bool> Watch { get; } = new("--watch")
    {
        Description = "Follow the season live (the ranking stream) and redraw the totals on each change; Ctrl+C to stop.",
    };

    public GetProgressRequest ToRequest(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new GetProgressRequest
        {
            ScopeCode = result.GetRequiredValue(Scope),
            Period = _period.ToPeriod(result),
            CommuneCode = result.GetValue(Commune) ?? string.Empty,
        };
    }

    /// <summary>The totals table, then the communes' rows.</summary>
    public static void Write(IAnsiConsole console, GetProgressRequest request, GetProgressResponse response)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        console.Write(ProgressView.Totals(response.Totals, Title(request.ScopeCode, request.Period, response.Totals.UnitCount, response.Version)));
        console.Write(ProgressView.Communes(response.Communes));
    }

    public static string Title(string scope, Period period, int units, long version) =>
        string.Create(CultureInfo.InvariantCulture, $"Tiến độ {scope}, {PeriodKindNames.Describe(period)}: {units} xã, phiên bản {version}");

    private async Task<int> ShowAsync(CliContext context, ParseResult result, CchcConnection connection, CancellationToken cancellationToken)
    {
        var request = ToRequest(result);
        var response = await connection.Clients.Progress.GetProgressAsync(request, cancellationToken: cancellationToken);
        Write(context.Console, request, response);
        return ExitCodes.Success;
    }

    private async Task<int> WatchAsync(CliContext context, ParseResult result, CchcConnection connection, CancellationToken cancellationToken)
    {
        var request = ToRequest(result);

        // Asked first, so a scope, commune or period the server refuses is reported as such before anything is drawn.
        await connection.Clients.Progress.GetProgressAsync(request, cancellationToken: cancellationToken);
        var watch = new WatchRankingRequest { ScopeCode = request.ScopeCode, Period = request.Period };
        var view = new LiveProgress();
        var gate = new Lock();
        await context.Console.Live(Render(view, request)).StartAsync(async live =>
        {
            await new RankingWatcher(connection.Clients.Ranking, context.Time).RunAsync(watch, view, () =>
            {
                lock (gate)
                {
                    live.UpdateTarget(Render(view, request));
                    live.Refresh();
                }
            }, cancellationToken);
        });
        context.Console.MarkupLine("[grey]The server ended the live stream.[/]");
        return ExitCodes.Success;
    }

    private static IRenderable Render(LiveProgress view, GetProgressRequest request)
    {
        if (view.Totals is not { } totals)
        {
            return new Text(view.HasSnapshot ? "The province has no framework for this year yet; waiting…" : $"Tiến độ {request.ScopeCode}: connecting…");
        }

        var table = ProgressView.Totals(totals, Title(request.ScopeCode, request.Period, totals.UnitCount, view.Version));
        if (request.CommuneCode.Length == 0)
        {
            return view.LastUnitCode is { } moved && view.Communes.FirstOrDefault(c => c.UnitCode == moved) is { } row
                ? new Rows(table, ProgressView.Communes([row], new HashSet<string> { moved }))
                : table;
        }

        return new Rows(table, ProgressView.Communes(view.Communes.Where(c => c.UnitCode == request.CommuneCode)));
    }
}
