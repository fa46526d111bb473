using Cchc.Core;
using Cchc.Grains.Deadlines;
using Cchc.Grains.Frameworks;
using Cchc.Grains.Publication;

namespace Cchc.Grains.Scoring;

/// <summary>
/// What a commune's write asks of one of its scopes (province or district) for its period: is it published (a call on
/// every write), and is the stage's window open (its watched copy). Kept by the commune's activation: Orleans formats
/// the grain interface's type name again on every <c>GetGrain</c>.
/// </summary>
internal sealed record ScopeGrains(string Scope, string DeadlineKey, IPublicationGrain Publication, DeadlineWatch Deadlines)
{
    public static ScopeGrains For(IGrainFactory grains, string scope, Period period, string communeCode, IDeadlineWatcher watcher, WatchTerms terms)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var key = GrainKeys.ForPeriod(scope, period);
        return new(scope, key, grains.GetGrain<IPublicationGrain>(key),
            new DeadlineWatch(grains.GetGrain<IDeadlineGrain>(key), communeCode, watcher, terms));
    }
}
