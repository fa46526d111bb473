using System.Text.Json;
using Cchc.Core;
using Cchc.Core.Frameworks;
using Cchc.Core.Scorecards;
using Cchc.Grains.Frameworks;
using Cchc.Grains.Publication;
using Cchc.Grains.Ranking;
using Cchc.Grains.Units;
using Cchc.Runtime;
using Cchc.Storage;

namespace Cchc.Grains.Scoring;

/// <summary>
/// Holds one commune's scores for one period. Every accepted batch is written with its audit entries in one
/// transaction (and its idempotent answer), acknowledged only after that, then told to the rankings one way.
/// </summary>
public sealed class CommuneGrain(IScoreStorage storage, TimeProvider clock) : Grain, ICommuneGrain
{
    public const string StateName = "scores";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private string _code = "";
    private Period _period = Period.Annual(2000);
    private CommuneState? _state;
    private string? _etag;
    private (Framework Framework, long Version, ScorecardResult Result)? _computed;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_code, _period) = GrainKeys.ParsePeriodKey(this.GetPrimaryKeyString());
        if (await storage.ReadAsync(StateName, GrainId.ToString(), cancellationToken) is { } stored)
        {
            _state = JsonSerializer.Deserialize<CommuneState>(stored.Payload, Json);
            _etag = stored.ETag;
        }
    }

    public async Task<SubmitOutcome> SubmitAsync(ScoreSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (submission.IdempotencyKey is { Length: > 0 } key &&
            await storage.FindIdempotentResponseAsync(GrainId.ToString(), key) is { } earlier)
        {
            return Replay(earlier);
        }

        var state = _state ?? await NewStateAsync();
        await EnsureOpenAsync(state);
        var framework = await FrameworkAsync(state.ProvinceCode);
        SubmissionRules.Check(framework, state, submission);

        var now = clock.GetUtcNow();
        var items = new Dictionary<string, ItemState>(state.Items, StringComparer.Ordinal);
        var audit = new List<AuditEntry>(submission.Items.Count);
        foreach (var item in submission.Items)
        {
            var before = items.GetValueOrDefault(item.ItemCode) ?? new ItemState();
            var value = StageValue.From(item, now, submission.Principal);
            items[item.ItemCode] = before.With(submission.Stage, value);
            audit.Add(new AuditEntry(now, submission.Principal, _code, _period.ToString(), item.ItemCode,
                submission.Stage.ToString(), before.At(submission.Stage)?.Describe(), value.Describe(), item.Evidence,
                item.Comment, submission.IdempotencyKey));
        }

        var next = state with { Version = state.Version + 1, Items = items };
        var result = ScorecardCalculator.Compute(framework, next.ToScorecard(_code, _period));
        var outcome = new SubmitOutcome(submission.Items.Count, result.Index, result.IsProvisional, next.Version);
        var idempotency = submission.IdempotencyKey is { Length: > 0 } k
            ? new IdempotentResponse(k, JsonSerializer.Serialize(outcome, Json))
            : null;
        try
        {
            _etag = await storage.WriteWithAuditAsync(StateName, GrainId.ToString(), JsonSerializer.Serialize(next, Json),
                _etag, new AuditBatch(audit, idempotency));
        }
        catch (DuplicateIdempotencyKeyException duplicate) when (duplicate.StoredResponse is { } stored)
        {
            return Replay(stored);
        }

        _state = next;
        _computed = (framework, next.Version, result);
        Notify(next, result);
        return outcome;
    }

    public async Task<CommuneView> GetViewAsync()
    {
        var state = _state ?? await NewStateAsync();
        var framework = await FrameworkAsync(state.ProvinceCode);
        return new CommuneView(state.ToScorecard(_code, _period), Compute(framework, state), state.ProvinceCode,
            state.DistrictCode, state.Version);
    }

    public async Task<CommuneSummary?> GetSummaryAsync()
    {
        if (_state is not { Version: > 0 } state)
        {
            // Nothing entered: no reason to keep this activation around.
            DeactivateOnIdle();
            return null;
        }

        var framework = await FrameworkAsync(state.ProvinceCode);
        return Summarize(state, Compute(framework, state));
    }

    private ScorecardResult Compute(Framework framework, CommuneState state)
    {
        if (_computed is { } c && ReferenceEquals(c.Framework, framework) && c.Version == state.Version)
        {
            return c.Result;
        }

        var result = ScorecardCalculator.Compute(framework, state.ToScorecard(_code, _period));
        _computed = (framework, state.Version, result);
        return result;
    }

    private CommuneSummary Summarize(CommuneState state, ScorecardResult result) =>
        new(_code, state.UnitName, state.Version, result.Index, result.IsProvisional,
            result.Fields.ToDictionary(f => f.Code, f => f.Index, StringComparer.Ordinal));

    private void Notify(CommuneState state, ScorecardResult result)
    {
        var summary = Summarize(state, result);
        foreach (var scope in Scopes(state))
        {
            GrainFactory.GetGrain<IRankingGrain>(GrainKeys.ForPeriod(scope, _period)).InvokeOneWay(r => r.UpdateAsync(summary));
        }
    }

    private static IEnumerable<string> Scopes(CommuneState state) =>
        state.DistrictCode is { } district ? [state.ProvinceCode, district] : [state.ProvinceCode];

    private async Task<CommuneState> NewStateAsync()
    {
        var membership = await GrainFactory.GetGrain<IUnitGrain>(_code).GetMembershipAsync(_period.Year);
        if (membership is not { Level: UnitLevel.Commune })
        {
            throw RequestRejectedException.NotFound(
                $"Commune {_code} is not in the unit registry for {_period.Year}; check the code or import the province's units first.");
        }

        return new CommuneState(membership.Name, membership.ProvinceCode, membership.DistrictCode, 0,
            new Dictionary<string, ItemState>(StringComparer.Ordinal));
    }

    private async Task EnsureOpenAsync(CommuneState state)
    {
        foreach (var scope in Scopes(state))
        {
            if (await GrainFactory.GetGrain<IPublicationGrain>(GrainKeys.ForPeriod(scope, _period)).GetAsync() is { } published)
            {
                throw RequestRejectedException.Precondition(
                    $"The results of {scope} for {_period} were published on {published.PublishedAt:yyyy-MM-dd}; " +
                    $"scores of commune {_code} ({state.UnitName}) can no longer change.");
            }
        }
    }

    private async Task<Framework> FrameworkAsync(string province)
    {
        var framework = await GrainFactory.GetGrain<IFrameworkGrain>(GrainKeys.ForYear(province, _period.Year)).GetAsync();
        if (framework is null)
        {
            throw RequestRejectedException.Precondition(
                $"Province {province} has no framework for {_period.Year}; put it first (FrameworkService.PutFramework).");
        }

        return framework.Serves(_period.Kind)
            ? framework
            : throw RequestRejectedException.Precondition(
                $"The {_period.Year} framework of province {province} does not serve {_period.Kind} periods; " +
                "put it again with that period kind, or score the annual period.");
    }

    private static SubmitOutcome Replay(string stored) =>
        JsonSerializer.Deserialize<SubmitOutcome>(stored, Json)! with { Replayed = true };
}
