using Cchc.Grains.Frameworks;
using Cchc.Grains.Scoring;

namespace Cchc.Grains.Deadlines;

/// <summary>
/// A commune's copy of one scope's windows as they apply to it (its own extensions included), which the scope's
/// deadline grain tells it of every change (<see cref="IDeadlineWatcher"/>): while the watch holds, a write's window
/// check makes no grain call. It asks again, renewing the watch, on the same terms as a framework watch
/// (<see cref="WatchTerms"/>): after a notice, after a silo was declared dead, and once the renewal interval passed.
/// </summary>
internal sealed class DeadlineWatch(IDeadlineGrain grain, string communeCode, IDeadlineWatcher watcher, WatchTerms terms)
{
    private WatchTerms.Ask? _answered;
    private IReadOnlyList<CommuneWindow> _windows = [];

    /// <summary>A notice arrived: the next check asks the deadline grain.</summary>
    public void MarkStale() => terms.Notice();

    /// <summary>The scope's window for the stage with the commune's latest extension, or null when the scope set none for it.</summary>
    public async Task<CommuneWindow?> WindowForAsync(ScoreStage stage, CancellationToken cancellationToken)
    {
        if (_answered is not { } answered || !terms.Holds(answered))
        {
            var ask = terms.Begin();
            _windows = await grain.WatchAsync(watcher, communeCode, cancellationToken);
            _answered = ask;
        }

        foreach (var window in _windows)
        {
            if (window.Window.Stage == stage)
            {
                return window;
            }
        }

        return null;
    }
}
