using System.Diagnostics;
using Cchc.Api.V1;
using Grpc.Core;

namespace Cchc.LoadGen.Capacity;

/// <summary>
/// Live watchers (WatchRanking streams) held open by this process: each reads its stream to the end, counting
/// snapshots and updates. <see cref="OpenAsync"/> returns once every new watcher has its first snapshot.
/// </summary>
internal sealed class WatcherPool(RankingService.RankingServiceClient ranking) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _watchers = [];
    private long _updates;
    private long _snapshots;
    private long _failures;
    private string? _firstFailure;

    public int Count => _watchers.Count;

    public long Updates => Interlocked.Read(ref _updates);

    public long Snapshots => Interlocked.Read(ref _snapshots);

    public long Failures => Interlocked.Read(ref _failures);

    public string? FirstFailure => Volatile.Read(ref _firstFailure);

    /// <summary>Opens <paramref name="count"/> more watchers, the i-th on <paramref name="scopes"/>[i mod count].</summary>
    /// <exception cref="BenchException">A watcher failed or got no snapshot within the timeout.</exception>
    public async Task<TimeSpan> OpenAsync(int count, IReadOnlyList<string> scopes, Period period, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var started = Stopwatch.GetTimestamp();
        var ready = new TaskCompletionSource[count];
        for (var i = 0; i < count; i++)
        {
            ready[i] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var request = new WatchRankingRequest { ScopeCode = scopes[(_watchers.Count) % scopes.Count], Period = period };
            var signal = ready[i];
            _watchers.Add(Task.Run(() => WatchAsync(request, signal), CancellationToken.None));
        }

        var all = Task.WhenAll(ready.Select(r => r.Task));
        if (await Task.WhenAny(all, Task.Delay(timeout, cancellationToken)) != all)
        {
            throw new BenchException($"{ready.Count(r => !r.Task.IsCompleted)} of {count} watchers got no snapshot within {timeout.TotalSeconds:0} s.");
        }

        if (Failures > 0)
        {
            throw new BenchException($"{Failures} watchers failed: {FirstFailure}");
        }

        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Ends every watcher (the client cancels its calls) and waits for them.</summary>
    public async Task CloseAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_watchers);
        _watchers.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _stop.Dispose();
    }

    private async Task WatchAsync(WatchRankingRequest request, TaskCompletionSource ready)
    {
        try
        {
            using var call = ranking.WatchRanking(request, cancellationToken: _stop.Token);
            await foreach (var message in call.ResponseStream.ReadAllAsync(_stop.Token))
            {
                if (message.EventCase == WatchRankingResponse.EventOneofCase.Snapshot)
                {
                    Interlocked.Increment(ref _snapshots);
                    ready.TrySetResult();
                }
                else
                {
                    Interlocked.Increment(ref _updates);
                }
            }
        }
        catch (Exception e) when (_stop.IsCancellationRequested && e is RpcException or OperationCanceledException)
        {
        }
        catch (RpcException e)
        {
            Interlocked.Increment(ref _failures);
            Interlocked.CompareExchange(ref _firstFailure, $"{e.StatusCode}: {e.Status.Detail}", null);
        }
        finally
        {
            ready.TrySetResult();
        }
    }
}
