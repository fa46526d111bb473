using System.Globalization;
using Cchc.Api.V1;
using Cchc.Cli.Commands;
using Cchc.Cli.Live;
using Cchc.Cli.Options;
using Cchc.Cli.Rendering;
using Cchc.Cli.Rpc;
using Grpc.Core;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cchc.Cli.Demo;

/// <summary>
/// A whole appraisal season against a running server: units, framework, self-assessment of every commune, survey,
/// appraisal round 1, explanations, round 2 — with the live ranking on screen — then publication and the final ranking.
/// </summary>
internal sealed class DemoScenario
{
    private const int LogLines = 6;
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(400);

    private readonly CliContext _context;
    private readonly CchcClients _administrator;
    private readonly DemoCredentials _credentials;
    private readonly DemoSettings _settings;
    private readonly DemoScores _scores;
    private readonly Queue<string> _log = new();
    private readonly Lock _gate = new();
    private readonly LiveRankingView _view = new();
    private string _status = string.Empty;

    public DemoScenario(CliContext context, DemoSettings settings, DemoCredentials credentials)
    {
        _context = context;
        _administrator = credentials.Administrator;
        _credentials = credentials;
        _settings = settings;
        _scores = new DemoScores(settings.Seed);
    }

    private IAnsiConsole Console => _context.Console;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var provinces = await Units.UnitsFile.ReadAsync(_settings.UnitsFile, cancellationToken);
        var province = Units.UnitsFile.Province(provinces, _settings.Province, _settings.UnitsFile);
        var framework = await Frameworks.FrameworkFile.ReadAsync(_settings.FrameworkFile, cancellationToken);
        framework.Title = framework.Title.Replace("2022", _settings.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var leaves = DemoLeaf.Of(framework);
        var communes = province.Units.Where(u => u.Level == UnitLevel.Commune).ToList();
        var period = new Period { Year = _settings.Year, Kind = PeriodKind.Year };

        Console.Write(new Rule($"[bold]Demo: {Markup.Escape(province.Units[0].Name)}, năm {_settings.Year}[/]"));
        var imported = await _administrator.Registry.ImportUnitsAsync(province, cancellationToken: cancellationToken);
        Console.MarkupLineInterpolated($"1. Imported {province.Units[0].Name}: {imported.DistrictCount} districts, {imported.CommuneCount} communes.");
        var put = new PutFrameworkRequest { ProvinceCode = province.ProvinceCode, Year = _settings.Year, Framework = framework };
        put.PeriodKinds.Add(PeriodKind.Year);
        var stored = await _administrator.Frameworks.PutFrameworkAsync(put, cancellationToken: cancellationToken);
        Console.MarkupLineInterpolated($"2. Stored {framework.Title}: {stored.LeafCount} leaf items, {stored.TotalPoints} points.");

        var watch = new WatchRankingRequest { ScopeCode = province.ProvinceCode, Period = period };
        await Console.Live(Render(watch)).StartAsync(async live =>
        {
            using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var watcher = new RankingWatcher(_administrator.Ranking, _context.Time);
            var watching = WatchAsync(watcher, watch, live, stopWatching.Token);
            await SeasonAsync(communes, leaves, period, live, cancellationToken);
            await CatchUpAsync(watch, cancellationToken);
            await stopWatching.CancelAsync();
            await watching;
        });

        var publish = new PublishPeriodRequest { ScopeCode = province.ProvinceCode, Period = period };
        var published = await _administrator.Scoring.PublishPeriodAsync(publish, cancellationToken: cancellationToken);
        Console.MarkupLineInterpolated($"8. Published: {published.UnitCount} communes ranked, at {published.PublishedAt}.");

        var ranking = new GetRankingRequest { ScopeCode = province.ProvinceCode, Period = period, PageSize = 1000 };
        var (first, entries) = await RankingCommand.ReadAsync(_administrator.Ranking, ranking, 0, cancellationToken);
        RankingCommand.Write(Console, ranking, first, entries);

        // Where the season stands, stage by stage: what `cchc progress` shows during a real season.
        var progressRequest = new GetProgressRequest { ScopeCode = province.ProvinceCode, Period = period };
        var progress = await _administrator.Progress.GetProgressAsync(progressRequest, cancellationToken: cancellationToken);
        Console.MarkupLineInterpolated($"9. Tiến độ (cchc progress --scope {province.ProvinceCode} --year {_settings.Year}):");
        Console.Write(ProgressView.Totals(progress.Totals, ProgressCommand.Title(province.ProvinceCode, period, progress.Totals.UnitCount, progress.Version)));
        return ExitCodes.Success;
    }

    private async Task SeasonAsync(List<Unit> communes, IReadOnlyList<DemoLeaf> leaves, Period period, LiveDisplayContext live, CancellationToken cancellationToken)
    {
        var byCode = leaves.ToDictionary(l => l.Code, StringComparer.Ordinal);
        var self = new Dictionary<string, IReadOnlyList<ItemScore>>(StringComparer.Ordinal);
        var round1 = new Dictionary<string, IReadOnlyList<ItemScore>>(StringComparer.Ordinal);
        var reduced = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var explained = new Dictionary<string, IReadOnlyList<ItemScore>>(StringComparer.Ordinal);

        await StepAsync("3. Tự đánh giá", communes, live, async (unit, ct) =>
        {
            self[unit.Code] = _scores.SelfAssessment(unit.Code, leaves);
            var response = await SubmitAsync(unit, period, Stage.SelfAssessment, self[unit.Code], ct);
            return $"{self[unit.Code].Count} tiêu chí, chỉ số tạm tính {response.Index}%";
        }, cancellationToken);

        await StepAsync("4. Điều tra xã hội học", communes, live, async (unit, ct) =>
        {
            var survey = _scores.Survey(unit.Code, leaves);
            var response = await SubmitAsync(unit, period, Stage.Survey, survey, ct);
            return $"{survey.Count} tiêu chí điều tra, chỉ số {response.Index}%";
        }, cancellationToken);

        await StepAsync("5. Thẩm định vòng 1", communes, live, async (unit, ct) =>
        {
            var (items, down) = _scores.AppraisalRound1(self[unit.Code], byCode);
            round1[unit.Code] = items;
            reduced[unit.Code] = down;
            var response = await SubmitAsync(unit, period, Stage.AppraisalRound1, items, ct);
            return $"hạ điểm {down.Count} tiêu chí ({string.Join(", ", down.Take(4))}{(down.Count > 4 ? ", …" : string.Empty)}), chỉ số {response.Index}%";
        }, cancellationToken);

        await StepAsync("6. Giải trình", communes, live, async (unit, ct) =>
        {
            explained[unit.Code] = _scores.Explanation(reduced[unit.Code]);
            await SubmitAsync(unit, period, Stage.Explanation, explained[unit.Code], ct);
            return $"giải trình {explained[unit.Code].Count} tiêu chí: {explained[unit.Code][0].Comment}";
        }, cancellationToken);

        await StepAsync("7. Thẩm định vòng 2", communes, live, async (unit, ct) =>
        {
            var items = _scores.AppraisalRound2(self[unit.Code], round1[unit.Code], explained[unit.Code]);
            var response = await SubmitAsync(unit, period, Stage.AppraisalRound2, items, ct);
            var restored = items.Count(i => i.Comment.StartsWith("Chấp nhận", StringComparison.Ordinal));
            return $"chấp nhận {restored} giải trình, chỉ số {response.Index}%";
        }, cancellationToken);
    }

    private async Task StepAsync(string stage, List<Unit> communes, LiveDisplayContext live, Func<Unit, CancellationToken, Task<string>> step, CancellationToken cancellationToken)
    {
        for (var i = 0; i < communes.Count; i++)
        {
            var unit = communes[i];
            var outcome = await step(unit, cancellationToken);
            lock (_gate)
            {
                _status = string.Create(CultureInfo.InvariantCulture, $"{stage}: {i + 1}/{communes.Count}");
                _log.Enqueue($"{stage} · {unit.Code} {unit.Name}: {outcome}");
                while (_log.Count > LogLines)
                {
                    _log.Dequeue();
                }
            }

            Redraw(live);
            await Task.Delay(BaseDelay / _settings.Speed, _context.Time, cancellationToken);
        }
    }

    private async Task<SubmitScoresResponse> SubmitAsync(Unit unit, Period period, Stage stage, IEnumerable<ItemScore> items, CancellationToken cancellationToken)
    {
        // The channel's retries resend this very request: one key per batch keeps a retried batch applied once.
        var request = new SubmitScoresRequest { CommuneCode = unit.Code, Period = period, Stage = stage, IdempotencyKey = Guid.NewGuid().ToString() };
        request.Items.AddRange(items);
        return await _credentials.For(stage, unit.Code).Scoring.SubmitScoresAsync(request, cancellationToken: cancellationToken);
    }

    private async Task WatchAsync(RankingWatcher watcher, WatchRankingRequest request, LiveDisplayContext live, CancellationToken cancellationToken)
    {
        try
        {
            await watcher.RunAsync(request, _view, () => Redraw(live), cancellationToken);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            // The season is over; the demo stops watching.
        }
        catch (RpcException ex)
        {
            // The season goes on without the live table; the final ranking is printed anyway.
            lock (_gate)
            {
                _log.Enqueue($"Live ranking unavailable ({CommandRunner.StatusName(ex.StatusCode)}): {ex.Status.Detail}");
            }
        }
    }

    // The last scores reach the live stream a moment after their answers; wait (briefly) until the view has them.
    private async Task CatchUpAsync(WatchRankingRequest watch, CancellationToken cancellationToken)
    {
        var probe = new GetRankingRequest { ScopeCode = watch.ScopeCode, Period = watch.Period, PageSize = 1 };
        var latest = (await _administrator.Ranking.GetRankingAsync(probe, cancellationToken: cancellationToken)).Version;
        for (var i = 0; i < 50 && _view.Version < latest; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), _context.Time, cancellationToken);
        }
    }

    private void Redraw(LiveDisplayContext live)
    {
        lock (_gate)
        {
            live.UpdateTarget(Render(null));
            live.Refresh();
        }
    }

    private IRenderable Render(WatchRankingRequest? request)
    {
        var rows = Math.Max(10, Console.Profile.Height - LogLines - 12);
        var title = _view.HasSnapshot
            ? string.Create(CultureInfo.InvariantCulture, $"Xếp hạng trực tiếp tỉnh {_settings.Province}, năm {_settings.Year}: {_view.UnitCount} đơn vị, phiên bản {_view.Version}")
            : $"Xếp hạng trực tiếp tỉnh {_settings.Province}: đang kết nối…";
        var table = RankingTable.Build(_view.Entries.Take(rows), _view.LastChangedCodes, title);
        var log = new Rows(_log.Select(line => (IRenderable)new Text(line)).DefaultIfEmpty(new Text(request is null ? string.Empty : "Đang bắt đầu…")));
        return new Rows(new Panel(log).Header(Markup.Escape(_status.Length == 0 ? "Mùa thẩm định" : _status)).Expand(), table);
    }
}
