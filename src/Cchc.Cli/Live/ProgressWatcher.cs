using Cchc.Api.V1;
using Grpc.Core;

namespace Cchc.Cli.Live;

/// <summary>
/// Keeps a <see cref="LiveProgress"/> in step with WatchRanking, as <see cref="RankingWatcher"/> does for the ranking:
/// on a version gap or a dropped connection it reconnects with resume_after_version.
/// </summary>
internal sealed class ProgressWatcher(RankingService.RankingServiceClient ranking, TimeProvider time)
{
    private const int MaxReconnectsInARow = 5;

    /// <summary>Runs until the server ends the stream or <paramref name="cancellationToken"/> fires; <paramref name="changed"/> runs after each applied message.</summary>
    public async Task RunAsync(WatchRankingRequest request, LiveProgress view, Action changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(changed);
        var failures = 0;
        var gapsInARow = 0;
        while (true)
        {
            var resume = request.Clone();
            resume.ResumeAfterVersion = view.HasSnapshot && gapsInARow < 2 ? view.Version : 0;
            var gap = false;
            try
            {
                using var call = ranking.WatchRanking(resume, cancellationToken: cancellationToken);
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
                await Task.Delay(TimeSpan.FromMilliseconds(250 << failures), time, cancellationToken);
                continue;
            }

            if (!gap)
            {
                return;
            }

            if (++gapsInARow > MaxReconnectsInARow)
            {
                throw new InvalidOperationException(
                    $"The live progress keeps skipping versions (the view is at {view.Version}) even after a new snapshot; the server's stream is inconsistent.");
            }
        }
    }
}
