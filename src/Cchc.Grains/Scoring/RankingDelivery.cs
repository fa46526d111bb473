using Cchc.Grains.Ranking;
using Microsoft.Extensions.Logging;

namespace Cchc.Grains.Scoring;

/// <summary>
/// Carries one commune's summaries to one ranking, in order, until the ranking has taken each. A one-way call is lost
/// without a trace when the connection between two silos drops (a silo dying or restarting), and the ranking would
/// then show a stale figure until it is rebuilt; an answered call that failed is sent again. The ranking ignores a
/// summary not newer than the one it holds, so a resend never counts twice. Runs on the commune's activation: no
/// locks, and the commune's write never waits for it.
/// </summary>
/// <remarks>
/// Bounds: one summary in flight and <see cref="Capacity"/> waiting (when full, the oldest is dropped: the newest carries the whole
/// state, and the ranking's version jump resyncs its watchers) and <see cref="Attempts"/> sends of one summary, with
/// a growing pause; then it is dropped and logged, and the ranking catches up when it is next rebuilt.
/// </remarks>
internal sealed partial class RankingDelivery(IRankingGrain ranking, string scopeKey, TimeProvider clock, ILogger logger)
{
    public const int Capacity = 64;

    public const int Attempts = 5;

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(200);

    private readonly Queue<CommuneSummary> _waiting = new();
    private Task _pump = Task.CompletedTask;

    /// <summary>Completes when everything sent so far was taken or given up (a deactivation waits for it).</summary>
    public Task Drained => _pump;

    public void Send(CommuneSummary summary)
    {
        if (_waiting.Count == Capacity)
        {
            _waiting.Dequeue();
        }

        _waiting.Enqueue(summary);
        if (_pump.IsCompleted)
        {
            _pump = PumpAsync();
        }
    }

    private async Task PumpAsync()
    {
        while (_waiting.TryDequeue(out var next))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ranking.UpdateAsync(next);
                    break;
                }
#pragma warning disable CA1031 // Whatever failed, the summary is resent or given up here; nothing else waits on it.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    if (attempt == Attempts)
                    {
                        LogGaveUp(logger, e, next.UnitCode, next.Version, scopeKey, attempt);
                        break;
                    }

                    LogRetry(logger, e, next.UnitCode, next.Version, scopeKey, attempt);
                    await Task.Delay(FirstPause * (1 << (attempt - 1)), clock);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Commune {Commune} v{Version} did not reach ranking {Ranking} (attempt {Attempt}); sending again.")]
    private static partial void LogRetry(ILogger logger, Exception exception, string commune, long version, string ranking, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Commune {Commune} v{Version} did not reach ranking {Ranking} after {Attempt} attempts; the ranking takes it when it is next rebuilt.")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string commune, long version, string ranking, int attempt);
}
