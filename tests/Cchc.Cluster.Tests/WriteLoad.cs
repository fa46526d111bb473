using System.Diagnostics;
using System.Globalization;
using Cchc.Api.V1;
using Grpc.Core;

namespace Cchc.Cluster.Tests;

/// <summary>
/// Appraisal round 1 scores written at a steady rate while the test kills and restarts servers. Every write carries an
/// idempotency key, so sending it again after a refusal cannot apply it twice. Every call and every write is recorded
/// against the load's clock for the figures.
/// </summary>
internal sealed class WriteLoad : IAsyncDisposable
{
    private readonly AppraisalLedger _ledger;
    private readonly IWritePath _path;
    private readonly ClusterTokens _tokens;
    private readonly LoadShape _shape;
    private readonly SemaphoreSlim _inFlight;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abandon = new();
    private readonly List<WriteAttempt> _attempts = [];
    private readonly List<WriteResult> _writes = [];
    private readonly List<Task> _running = [];
    private readonly string[] _provinceTurns;
    private Task? _pacer;
    private long _sequence;

    public WriteLoad(AppraisalLedger ledger, IWritePath path, ClusterTokens tokens, LoadShape shape, Stopwatch clock)
    {
        _ledger = ledger;
        _path = path;
        _tokens = tokens;
        _shape = shape;
        Clock = clock;
        _inFlight = new SemaphoreSlim(shape.MaxInFlight);
        _provinceTurns = [.. shape.Mix.SelectMany(m => Enumerable.Repeat(m.Province, m.Weight))];
    }

    /// <summary>The clock every recorded time is read from.</summary>
    public Stopwatch Clock { get; }

    public IReadOnlyList<WriteAttempt> Attempts
    {
        get
        {
            lock (_attempts)
            {
                return [.. _attempts];
            }
        }
    }

    public IReadOnlyList<WriteResult> Writes
    {
        get
        {
            lock (_writes)
            {
                return [.. _writes];
            }
        }
    }

    public void Start() => _pacer = Task.Run(PaceAsync);

    /// <summary>Starts no more writes and waits for those in flight to be answered (or given up).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_pacer is not null)
        {
            await _pacer;
        }

        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running);
    }

    /// <summary>Stops at once: writes in flight stay unanswered (the whole cluster is about to be killed).</summary>
    public async Task AbandonAsync()
    {
        await _abandon.CancelAsync();
        await StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        _abandon.Dispose();
        _inFlight.Dispose();
    }

    private async Task PaceAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / _shape.PerSecond));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await _inFlight.WaitAsync(_stop.Token);
                var sequence = _sequence++;
                var slot = _ledger.Take(_provinceTurns[sequence % _provinceTurns.Length]);
                var write = Task.Run(() => WriteAsync(slot, sequence));
                lock (_running)
                {
                    _running.RemoveAll(t => t.IsCompleted);
                    _running.Add(write);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped: the writes in flight finish on their own.
        }
    }

    private async Task WriteAsync(AppraisalSlot slot, long sequence)
    {
        try
        {
            var value = Value(slot.Leaf, sequence);
            var request = new SubmitScoresRequest
            {
                CommuneCode = slot.Commune,
                Period = ClusterSeason.Period,
                Stage = Stage.AppraisalRound1,
                IdempotencyKey = $"cluster-test-{sequence}",
                Items = { new ItemScore { ItemCode = slot.Leaf.Code, Points = value.ToString("0.00", CultureInfo.InvariantCulture), Comment = "Hội đồng thẩm định chấm lại" } },
            };
            slot.Sending(value);
            var started = Clock.Elapsed;
            var calls = 0;
            string? failure = null;
            while (true)
            {
                var (server, scoring) = _path.Next();
                var callStarted = Clock.Elapsed;
                calls++;
                try
                {
                    using var call = scoring.SubmitScoresAsync(request,
                        _tokens.Call(ClusterTokens.Council(slot.Province.Code), _shape.CallDeadline, _abandon.Token));
                    var headers = await call.ResponseHeadersAsync;
                    var response = await call.ResponseAsync;
                    var retried = headers.GetValue("grpc-previous-rpc-attempts") is { } previous ? int.Parse(previous, CultureInfo.InvariantCulture) : 0;
                    Record(new WriteAttempt(slot.Province.Code, slot.Commune, server, callStarted, Clock.Elapsed,
                        response.AcceptedCount == 1 ? "OK" : "OK but accepted " + response.AcceptedCount, "", retried));
                    slot.Acknowledge(value);
                    Record(new WriteResult(slot.Province.Code, slot.Commune, started, Clock.Elapsed, calls, true, failure));
                    return;
                }
                catch (Exception e) when (e is RpcException or HttpRequestException or IOException)
                {
                    var (outcome, detail) = e is RpcException rpc ? (rpc.StatusCode.ToString(), rpc.Status.Detail) : (e.GetType().Name, e.Message);
                    failure = $"{outcome} from {server}: {detail}";
                    Record(new WriteAttempt(slot.Province.Code, slot.Commune, server, callStarted, Clock.Elapsed, outcome, detail));
                    if (!_path.ResendsRefusedWrites || _abandon.IsCancellationRequested || Clock.Elapsed - started > _shape.GiveUpAfter)
                    {
                        Record(new WriteResult(slot.Province.Code, slot.Commune, started, Clock.Elapsed, calls, false, failure));
                        return;
                    }

                    // A client's back-off before sending again, growing with the refusals, so that a province
                    // waiting for failover is not hammered.
                    try
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50 * calls, 250)), _abandon.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        Record(new WriteResult(slot.Province.Code, slot.Commune, started, Clock.Elapsed, calls, false, failure));
                        return;
                    }
                }
            }
        }
        finally
        {
            _ledger.Return(slot);
            _inFlight.Release();
        }
    }

    // A quarter-point step within the item's maximum, varying from write to write.
    private static decimal Value(ManualLeaf leaf, long sequence)
    {
        var steps = (int)(leaf.Max / 0.25m);
        return 0.25m * (int)((sequence * 7 + 3) % (steps + 1));
    }

    private void Record(WriteAttempt attempt)
    {
        lock (_attempts)
        {
            _attempts.Add(attempt);
        }
    }

    private void Record(WriteResult write)
    {
        lock (_writes)
        {
            _writes.Add(write);
        }
    }
}
