namespace Cchc.Grains.Frameworks;

/// <summary>
/// When a copy that its source tells of changes still holds: no notice since it was asked for, no silo declared dead
/// since (a source that died with its silo sends nothing and comes back knowing no watchers), and less than the renewal
/// interval gone by. Notices are counted, so an answer asked for before a notice never holds after it, whatever the
/// order in which the answer and the notice arrive.
/// </summary>
internal sealed class WatchTerms(FrameworkWatches silo, TimeProvider clock, TimeSpan renewEvery)
{
    private long _notices;

    /// <summary>The source changed or is leaving: every copy asked for before now is stale.</summary>
    public void Notice() => _notices++;

    /// <summary>What an ask starts from; the answer holds while <see cref="Holds"/> says so.</summary>
    public Ask Begin() => new(_notices, silo.Deaths, clock.GetUtcNow());

    public bool Holds(Ask ask) => ask.Notices == _notices && ask.Deaths == silo.Deaths && clock.GetUtcNow() - ask.At < renewEvery;

    /// <summary>The moment from which an answer to <paramref name="ask"/> no longer holds, whatever notice or death comes.</summary>
    public DateTimeOffset Until(Ask ask) => ask.At + renewEvery;

    internal readonly record struct Ask(long Notices, long Deaths, DateTimeOffset At);
}
