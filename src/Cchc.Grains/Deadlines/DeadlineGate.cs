using Cchc.Core;
using Cchc.Core.Deadlines;
using Cchc.Grains.Scoring;

namespace Cchc.Grains.Deadlines;

/// <summary>
/// What a commune's write asks before anything is stored: is its stage's window open for this commune now? Asked of the
/// commune's watched copies of its scopes' windows (<see cref="DeadlineWatch"/>).
/// </summary>
internal static class DeadlineGate
{
    /// <param name="province">The commune's province.</param>
    /// <param name="district">The commune's district, if it has one: its window governs when it has one.</param>
    /// <exception cref="RequestRejectedException">FailedPrecondition, with the window's dates in Vietnam time and what to do.</exception>
    public static async Task EnsureWithinWindowAsync(
        ScopeGrains province, ScopeGrains? district, string communeCode, Period period, ScoreStage stage, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(province);
        var districtWindow = district is not null ? await WindowAsync(district, stage, cancellationToken) : null;

        // The province's window is read only when no district window governs.
        var provinceWindow = districtWindow is null ? await WindowAsync(province, stage, cancellationToken) : null;
        if (DeadlineRules.Choose(districtWindow, provinceWindow) is { } applied && DeadlineRules.Refusal(applied, period, communeCode, now) is { } refusal)
        {
            throw RequestRejectedException.Precondition(refusal);
        }
    }

    private static async Task<AppliedWindow?> WindowAsync(ScopeGrains scope, ScoreStage stage, CancellationToken cancellationToken) =>
        await scope.Deadlines.WindowForAsync(stage, cancellationToken) is { } window
            ? DeadlineStageMap.ToCore(scope.Scope, window)
            : null;
}
