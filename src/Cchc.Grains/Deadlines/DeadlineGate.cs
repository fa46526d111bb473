using Cchc.Core;
using Cchc.Core.Deadlines;
using Cchc.Grains.Scoring;
using Cchc.Grains.Units;

namespace Cchc.Grains.Deadlines;

/// <summary>What a commune's write asks before anything is stored: is its stage's window open for this commune now?</summary>
internal static class DeadlineGate
{
    /// <exception cref="RequestRejectedException">FailedPrecondition, with the window's dates in Vietnam time and what to do.</exception>
    public static async Task EnsureWithinWindowAsync(
        IGrainFactory grains, string communeCode, Period period, UnitMembership membership, ScoreStage stage, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var district = membership.DistrictCode is { } code ? await WindowAsync(grains, code, communeCode, period, stage, cancellationToken) : null;

        // The province's window is read only when no district window governs.
        var province = district is null ? await WindowAsync(grains, membership.ProvinceCode, communeCode, period, stage, cancellationToken) : null;
        if (DeadlineRules.Choose(district, province) is { } applied && DeadlineRules.Refusal(applied, period, communeCode, now) is { } refusal)
        {
            throw RequestRejectedException.Precondition(refusal);
        }
    }

    private static async Task<AppliedWindow?> WindowAsync(
        IGrainFactory grains, string scope, string communeCode, Period period, ScoreStage stage, CancellationToken cancellationToken) =>
        await grains.GetGrain<IDeadlineGrain>(GrainKeys.ForPeriod(scope, period)).WindowForAsync(communeCode, stage, cancellationToken) is { } window
            ? DeadlineStageMap.ToCore(scope, window)
            : null;
}
