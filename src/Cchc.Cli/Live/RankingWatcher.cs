using Cchc.Api.V1;
using Grpc.Core;

namespace Cchc.Cli.Live;

/// <summary>
/// Keeps a copy (<see cref="LiveRankingView"/>, <see cref="LiveProgress"/>) in step with WatchRanking: on a version gap or
/// a dropped connection it reconnects with resume_after_version, so the server can send what was missed (or a new snapshot).
/// </summary>
internal sealed class RankingWatcher
{
    private const int MaxReconnectsInARow = 5;

    private readonly RankingService.RankingServiceClient _ranking;
    private readonly TimeProvider _time;

    public RankingWatcher(RankingService.RankingServiceClient ranking, TimeProvider time)
    {
        _ranking = ranking;
        _time = time;
    }

    /// <summary>Runs until the server ends the stream or <paramref name="cancellationToken"/> fires; <paramref name="changed"/> runs after each applied message.</summary>
    public async Task RunAsync(WatchRankingRequest request, ILiveWatchView view, Action changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(changed);
        var failures = 0;
        var gapsInARow = 0;
        while (true)
        {
            var resume = request.Clone();
            // Resume where the view is; if resuming keeps leaving gaps, start over from a snapshot.
            resume.ResumeAfterVersion = view.HasSnapshot && gapsInARow < 2 ? view.Version : 0;
            var gap = false;
            try
            {
                // Disposing the call cancels it when the loop leaves early (a gap), so the server stops sending.
                using var call = _ranking.WatchRanking(resume, cancellationToken: cancellationToken);
                await foreach (var message in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    failures = 0;
                    var outcome = view.Apply(message);
                    if (outcome == LiveApplyOutcome.Gap)
                    {
                        gap = true;
                        break;
                    }

                    if (outcome == LiveApplyOutcome.Applied)
                    {
                        gapsInARow = 0;
                        changed();
                    }
                }
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && !cancellationToken.IsCancellationRequested && ++failures <= MaxReconnectsInARow)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 << failures), _time, cancellationToken);
                continue;
            }

            if (!gap)
            {
                return;
            }

            if (++gapsInARow > MaxReconnectsInARow)
            {
                throw new InvalidOperationException(
                    $"The {view.Name} keeps skipping versions (the view is at {view.Version}) even after a new snapshot; the server's stream is inconsistent.");
            }
        }
    }
}
