using Cchc.Core;
using Cchc.Core.Deadlines;
using Cchc.Core.Units;
using Cchc.Grains.Publication;
using Cchc.Grains.Ranking;
using Cchc.Grains.Scoring;
using Cchc.Grains.Units;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace Cchc.Grains.Deadlines;

/// <remarks>
/// Its watchers are the communes of the scope, one entry each (a renewal replaces it), so the list is bounded by the
/// scope's communes; expired entries are cleared before each change's notices.
/// </remarks>
public sealed partial class DeadlineGrain(
    [PersistentState("deadlines", CchcStorage.GrainStorageName)] IPersistentState<DeadlineGrain.DeadlineState> state,
    IOptions<RankingWatchOptions> options,
    TimeProvider clock,
    ILogger<DeadlineGrain> logger)
    : Grain, IDeadlineGrain
{
    /// <summary>
    /// The extension log's bound per scope and period: several extensions for every stage of every commune of the
    /// largest province. When full, further extensions are refused (FailedPrecondition); the log is never trimmed.
    /// </summary>
    public const int MaxExtensions = 5000;

    /// <summary>The longest reason kept.</summary>
    public const int MaxReasonLength = 1000;

    private string _scope = "";
    private Period _period = Period.Annual(2000);
    private ObserverManager<IDeadlineWatcher>? _watchers;

    private ObserverManager<IDeadlineWatcher> Watchers => _watchers ??= new(options.Value.SubscriptionExpiry, logger)
    {
        GetDateTime = () => clock.GetUtcNow().UtcDateTime,
    };

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_scope, _period) = GrainKeys.ParsePeriodKey(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        TellWatchersAsync(static (w, key) => w.OnDeadlinesLeavingAsync(key));

    public async Task<DeadlineSchedule> SetAsync(IReadOnlyList<WindowInput> windows, string principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);
        var validation = WindowValidator.Validate(
            [.. windows.Select(w => new WindowDraft(w.Stage is { } s && Enum.IsDefined(s) ? DeadlineStageMap.ToCore(s) : null, w.OpensAt, w.ClosesAt))]);
        if (!validation.IsValid)
        {
            throw RequestRejectedException.Invalid(
                $"The windows of {Scope} for {_period} were not set; nothing changed. Fix:\n{string.Join("\n", validation.Problems)}");
        }

        await EnsureOpenAsync("set its windows", cancellationToken);
        var now = clock.GetUtcNow();
        var next = new DeadlineState
        {
            Windows = [.. validation.Windows.Select(w => new DeadlineWindow(DeadlineStageMap.ToGrain(w.Stage), w.OpensAt, w.ClosesAt))],
            SetBy = principal,
            SetAt = now,
            Extensions = state.State.Extensions,
        };
        await GrainStateWrites.WriteAsync(state, next, $"the windows of {Scope} for {_period}");
        LogWindowsSet(logger, _scope, _period.ToString(), principal,
            string.Join("; ", validation.Windows.Select(w => $"{DeadlineStages.LowerName(w.Stage)} {w.Span}")));
        await TellWatchersAsync(static (w, key) => w.OnDeadlinesChangedAsync(key));
        return Schedule();
    }

    public Task<DeadlineSchedule> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(Schedule());

    public async Task<DeadlineExtension> ExtendAsync(ExtensionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stage = DeadlineStageMap.ToCore(request.Stage);
        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            throw RequestRejectedException.Invalid(
                $"An extension needs a reason (the audit log keeps it), e.g. \"Xã bị ảnh hưởng bão số 3\"; none was given for commune {request.CommuneCode}.");
        }

        if (reason.Length > MaxReasonLength)
        {
            throw RequestRejectedException.Invalid($"The reason has {reason.Length} characters; keep it to {MaxReasonLength}.");
        }

        if (!VietnamTime.TryParse(request.ClosesAt, out var until))
        {
            throw RequestRejectedException.Invalid(
                $"The new close '{request.ClosesAt}' is not an RFC 3339 time with an offset; write it like 2023-11-05T23:59:59+07:00.");
        }

        await EnsureOpenAsync("extend its windows", cancellationToken);
        var membership = await MemberAsync(request.CommuneCode, cancellationToken);
        var window = state.State.Windows.FirstOrDefault(w => w.Stage == request.Stage) ?? throw RequestRejectedException.Precondition(
            $"{Capitalized(Scope)} has no {DeadlineStages.LowerName(stage)} window for {_period}, so that stage is open and there is nothing to extend; " +
            "set the windows first (SetDeadlines).");
        if (UnitCodes.IsProvince(_scope) && membership.DistrictCode is { } district &&
            await GrainFactory.GetGrain<IDeadlineGrain>(GrainKeys.ForPeriod(district, _period)).WindowForAsync(request.CommuneCode, request.Stage, cancellationToken) is { } own)
        {
            throw RequestRejectedException.Precondition(
                $"District {district} set its own {DeadlineStages.LowerName(stage)} window for {_period} ({DeadlineStageMap.ToCore(own.Window).Span}, {VietnamTime.Zone}), " +
                $"which governs commune {request.CommuneCode}; extend that one (scope {district}).");
        }

        var core = DeadlineStageMap.ToCore(window);
        if (DeadlineRules.ExtensionProblem(core, until) is { } problem)
        {
            throw RequestRejectedException.Invalid(problem);
        }

        if (state.State.Extensions.Count >= MaxExtensions)
        {
            throw RequestRejectedException.Precondition(
                $"{Capitalized(Scope)} has given {MaxExtensions} extensions for {_period}, as many as its log keeps; change the windows instead (SetDeadlines).");
        }

        var before = new AppliedWindow(_scope, core, LatestExtension(request.CommuneCode, request.Stage)?.ClosesAt).ClosesAt;
        var extension = new DeadlineExtension(request.CommuneCode, membership.Name, request.Stage, before, until, reason, request.Principal, clock.GetUtcNow());
        var next = new DeadlineState
        {
            Windows = state.State.Windows,
            SetBy = state.State.SetBy,
            SetAt = state.State.SetAt,
            Extensions = [.. state.State.Extensions, extension],
        };
        await GrainStateWrites.WriteAsync(state, next, $"the extension for commune {request.CommuneCode} in {Scope} ({_period})");
        LogExtended(logger, _scope, _period.ToString(), request.CommuneCode, DeadlineStages.LowerName(stage), VietnamTime.ToRfc3339(before),
            VietnamTime.ToRfc3339(until), request.Principal, reason);
        await TellWatchersAsync(static (w, key) => w.OnDeadlinesChangedAsync(key));
        return extension;
    }

    public Task<CommuneWindow?> WindowForAsync(string communeCode, ScoreStage stage, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Windows.FirstOrDefault(w => w.Stage == stage) is { } window
            ? new CommuneWindow(window, LatestExtension(communeCode, stage)?.ClosesAt)
            : null);

    public Task<IReadOnlyList<CommuneWindow>> WatchAsync(IDeadlineWatcher watcher, string communeCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(watcher);
        ArgumentNullException.ThrowIfNull(communeCode);
        Watchers.Subscribe(watcher, watcher);
        return Task.FromResult<IReadOnlyList<CommuneWindow>>(
            [.. state.State.Windows.Select(w => new CommuneWindow(w, LatestExtension(communeCode, w.Stage)?.ClosesAt))]);
    }

    private string Scope => DeadlineRules.ScopeWords(_scope);

    private Task TellWatchersAsync(Func<IDeadlineWatcher, string, Task> notice)
    {
        var key = this.GetPrimaryKeyString();
        return WatcherNotices.TellAsync(_watchers, key, notice, (watcher, e) => LogWatcherDropped(logger, key, watcher.GetPrimaryKeyString(), e.Message));
    }

    private DeadlineExtension? LatestExtension(string communeCode, ScoreStage stage) =>
        state.State.Extensions.LastOrDefault(e => e.CommuneCode == communeCode && e.Stage == stage);

    private DeadlineSchedule Schedule() =>
        new(_scope, _period.ToString(), state.State.Windows, state.State.SetBy, state.State.SetAt, state.State.Extensions);

    private async Task EnsureOpenAsync(string action, CancellationToken cancellationToken)
    {
        var province = await GrainFactory.ProvinceOfScopeAsync(_scope, _period.Year, cancellationToken);
        foreach (var scope in province == _scope ? [_scope] : (string[])[_scope, province])
        {
            if (await GrainFactory.GetGrain<IPublicationGrain>(GrainKeys.ForPeriod(scope, _period)).GetAsync(cancellationToken) is { } published)
            {
                throw RequestRejectedException.Precondition(
                    $"The results of {scope} for {_period} were published on {VietnamTime.Opening(published.PublishedAt)} ({VietnamTime.Zone}); " +
                    $"{Scope} can no longer {action}.");
            }
        }
    }

    private async Task<UnitMembership> MemberAsync(string communeCode, CancellationToken cancellationToken)
    {
        var membership = await GrainFactory.GetGrain<IUnitGrain>(communeCode).GetMembershipAsync(_period.Year, cancellationToken);
        return membership is { Level: UnitLevel.Commune } m && (m.ProvinceCode == _scope || m.DistrictCode == _scope)
            ? m
            : throw RequestRejectedException.NotFound(
                $"Commune {communeCode} is not a commune of {Scope} in {_period.Year}; check the code (the units of {_period.Year} list it under its district and province).");
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadlines {Key} could not tell watcher {Watcher} of a change ({Reason}); dropped, it asks again on renewal.")]
    private static partial void LogWatcherDropped(ILogger logger, string key, string watcher, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadlines of {Scope} for {Period} set by {Principal}: {Windows}.")]
    private static partial void LogWindowsSet(ILogger logger, string scope, string period, string principal, string windows);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Deadline extended in {Scope} for {Period}: commune {Commune}, {Stage}, close {PreviousClose} -> {NewClose}, by {Principal}, reason: {Reason}")]
    private static partial void LogExtended(ILogger logger, string scope, string period, string commune, string stage, string previousClose, string newClose,
        string principal, string reason);

    /// <summary>The stored windows and the append-only extension log.</summary>
    [GenerateSerializer, Alias("cchc.DeadlineGrain.DeadlineState")]
    public sealed class DeadlineState
    {
        [Id(0)]
        public IReadOnlyList<DeadlineWindow> Windows { get; set; } = [];

        [Id(1)]
        public string? SetBy { get; set; }

        [Id(2)]
        public DateTimeOffset? SetAt { get; set; }

        [Id(3)]
        public IReadOnlyList<DeadlineExtension> Extensions { get; set; } = [];
    }
}
