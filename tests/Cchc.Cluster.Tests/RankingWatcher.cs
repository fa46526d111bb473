using System.Diagnostics;
using Cchc.Api.V1;
using Grpc.Core;

namespace Cchc.Cluster.Tests;

/// <summary>
/// A live watcher of one ranking on one server, as a provincial dashboard runs it: it keeps its own copy of the
/// ranking (snapshot, then each update applied), and when the stream ends with UNAVAILABLE it watches again with
/// resume_after_version. It records every message with its time and checks the stream's promise: between two
/// snapshots, update versions follow each other exactly (no silent gap).
/// </summary>
internal sealed class RankingWatcher : IAsyncDisposable
{
    private readonly SiloClient _client;
    private readonly ClusterTokens _tokens;
    private readonly string _scope;
    private readonly Stopwatch _clock;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _indexes = new(StringComparer.Ordinal);
    private readonly List<(TimeSpan At, bool Snapshot, long Version)> _messages = [];
    private readonly List<string> _gaps = [];
    private readonly List<string> _streamEnds = [];
    private Task _reading = Task.CompletedTask;
    private long _version;

    private RankingWatcher(SiloClient client, ClusterTokens tokens, string scope, Stopwatch clock)
    {
        _client = client;
        _tokens = tokens;
        _scope = scope;
        _clock = clock;
    }

    public SiloClient Client => _client;

    /// <summary>Watches <paramref name="scope"/>'s ranking through <paramref name="client"/>; returns once the first snapshot is in.</summary>
    public static async Task<RankingWatcher> StartAsync(SiloClient client, ClusterTokens tokens, string scope, Stopwatch clock)
    {
        var watcher = new RankingWatcher(client, tokens, scope, clock);
        watcher._reading = Task.Run(watcher.ReadAsync);
        await Poll.UntilAsync($"the first snapshot of {scope} through {client.Silo.Name}", TimeSpan.FromSeconds(20),
            () => Task.FromResult(watcher.Snapshots.Count > 0), watcher.Describe);
        return watcher;
    }

    public long Version
    {
        get
        {
            lock (_lock)
            {
                return _version;
            }
        }
    }

    /// <summary>When each snapshot came (load clock) and its version.</summary>
    public IReadOnlyList<(TimeSpan At, long Version)> Snapshots
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages.Where(m => m.Snapshot).Select(m => (m.At, m.Version))];
            }
        }
    }

    /// <summary>When the last message before <paramref name="at"/> came (load clock); zero when none did.</summary>
    public TimeSpan LastMessageBefore(TimeSpan at)
    {
        lock (_lock)
        {
            return _messages.Where(m => m.At < at).Select(m => m.At).DefaultIfEmpty().Max();
        }
    }

    /// <summary>When the first message after <paramref name="at"/> came (load clock); <paramref name="at"/> when none did.</summary>
    public TimeSpan FirstMessageAfter(TimeSpan at)
    {
        lock (_lock)
        {
            return _messages.Where(m => m.At > at).Select(m => m.At).DefaultIfEmpty(at).Min();
        }
    }

    public int Updates
    {
        get
        {
            lock (_lock)
            {
                return _messages.Count(m => !m.Snapshot);
            }
        }
    }

    /// <summary>Updates whose version did not follow the previous message's.</summary>
    public IReadOnlyList<string> Gaps
    {
        get
        {
            lock (_lock)
            {
                return [.. _gaps];
            }
        }
    }

    /// <summary>How each stream ended before the watcher was stopped (then watched again).</summary>
    public IReadOnlyList<string> StreamEnds
    {
        get
        {
            lock (_lock)
            {
                return [.. _streamEnds];
            }
        }
    }

    /// <summary>The watcher's copy: each ranked commune's index.</summary>
    public IReadOnlyDictionary<string, string> Indexes
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, string>(_indexes, StringComparer.Ordinal);
            }
        }
    }

    public string Describe()
    {
        lock (_lock)
        {
            return $"watcher on {_client.Silo.Name}: version {_version}, {_messages.Count(m => m.Snapshot)} snapshots, {_messages.Count(m => !m.Snapshot)} updates, " +
                $"{_gaps.Count} gaps, stream ends: [{string.Join("; ", _streamEnds)}]";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var request = new WatchRankingRequest { ScopeCode = _scope, Period = ClusterSeason.Period, ResumeAfterVersion = Version };

            // A watch lives as long as the test; its deadline only keeps a forgotten stream from outliving it.
            using var call = _client.Ranking.WatchRanking(request, _tokens.Call(ClusterTokens.National, TimeSpan.FromMinutes(10), _stop.Token));
            string end;
            try
            {
                while (await call.ResponseStream.MoveNext(_stop.Token))
                {
                    Apply(call.ResponseStream.Current);
                }

                end = "ended without a status";
            }
            catch (RpcException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e)
            {
                end = $"{e.StatusCode} at {_clock.Elapsed.TotalSeconds:0.00} s: {e.Status.Detail}";
            }

            lock (_lock)
            {
                _streamEnds.Add(end);
            }

            // Watch again after a client's pause, resuming after the last version seen.
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Apply(WatchRankingResponse message)
    {
        lock (_lock)
        {
            if (message.EventCase == WatchRankingResponse.EventOneofCase.Snapshot)
            {
                _indexes.Clear();
                foreach (var row in message.Snapshot.Entries)
                {
                    _indexes[row.UnitCode] = row.Index;
                }

                _version = message.Snapshot.Version;
                _messages.Add((_clock.Elapsed, true, _version));
                return;
            }

            var update = message.Update;
            if (update.Version != _version + 1)
            {
                _gaps.Add($"update {update.Version} after version {_version} at {_clock.Elapsed.TotalSeconds:0.00} s");
            }

            if (update.Entry is { } entry)
            {
                _indexes[update.UnitCode] = entry.Index;
            }
            else
            {
                _indexes.Remove(update.UnitCode);
            }

            _version = update.Version;
            _messages.Add((_clock.Elapsed, false, _version));
        }
    }
}
