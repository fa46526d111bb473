using Cchc.Core;
using Cchc.Grains.Deadlines;
using Cchc.Grains.Publication;

namespace Cchc.Grains.Scoring;

/// <summary>
/// What a commune's write asks of one of its scopes (province or district) for its period: is it published, and is the
/// stage's window open. Kept by the commune's activation: Orleans formats the grain interface's type name again on every
/// <c>GetGrain</c>, and a write asked for three or four references.
/// </summary>
internal sealed record ScopeGrains(string Scope, IPublicationGrain Publication, IDeadlineGrain Deadlines)
{
    public static ScopeGrains For(IGrainFactory grains, string scope, Period period)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var key = GrainKeys.ForPeriod(scope, period);
        return new(scope, grains.GetGrain<IPublicationGrain>(key), grains.GetGrain<IDeadlineGrain>(key));
    }
}
