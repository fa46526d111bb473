using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Cchc.Api.V1;
using Cchc.LoadGen.Measurement;
using Cchc.LoadGen.Watching;
using Cchc.LoadGen.Workload;
using Google.Protobuf;
using Grpc.Core;

namespace Cchc.LoadGen.Scenarios;

/// <summary>
/// Live watch during appraisal season: <see cref="RunOptions.Watchers"/> subscribers on the focus province while
/// appraisals of its communes arrive at <see cref="RunOptions.WatchRate"/> per second. Each update is matched to
/// the latest write of its commune (writes rotate over the communes, so one commune's writes are far apart) and
/// measured from the moment that write was acknowledged to the client; an update that arrives before the
/// acknowledgement counts as 0.
/// </summary>
internal static class WatchScenario
{
    public const string Name = "watch";

    // As a dashboard would ask: what is waiting, and what follows within --watch-wait, comes in one message.
    private const int MaxUpdatesPerMessage = 1000;

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await BulkScenario.EnsureAsync(context, cancellationToken);
        var options = context.Options;
        var province = context.FocusProvince;
        var communes = context.CommunesOf(province).OrderBy(c => Random.Shared.Next()).ToArray();
        var slots = communes.ToDictionary(c => c.Code, _ => new WriteSlot(), StringComparer.Ordinal);

        // Watchers find a commune by its code's number, which the light decoding reads without making a string, and
        // keep what they matched per commune in an array by the commune's position here.
        var ordered = slots.Values.ToArray();
        var positions = slots.Keys.Select((code, i) => (Unit: WatchEventReader.Digits(Encoding.ASCII.GetBytes(code)), Position: i))
            .Where(p => p.Unit >= 0).ToDictionary(p => p.Unit, p => p.Position);
        var manual = context.Book.ManualLeaves;
        var leaves = context.Framework.Appraisable;
        var run = Guid.NewGuid().ToString("N")[..8];
        var ackToDelivery = new SharedHistogram();
        var writeToDelivery = new SharedHistogram();
        long early = 0, unmatched = 0, gaps = 0, snapshots = 0, failed = 0, received = 0, messages = 0, updates = 0;
        string? failure = null;
        var measuring = false;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var ready = new CountdownEvent(options.Watchers);
        var request = new WatchRankingRequest
        {
            ScopeCode = province,
            Period = ScoreFactory.Period,
            MaxUpdatesPerMessage = MaxUpdatesPerMessage,
            MaxWaitMs = options.WatchWaitMs,
        };
        var watchers = Enumerable.Range(0, options.Watchers).Select(_ => Task.Run(() => WatchAsync(), cancellationToken)).ToArray();
        var connected = Stopwatch.GetTimestamp();
        await Task.Run(() => ready.Wait(TimeSpan.FromSeconds(120), cancellationToken), cancellationToken);
        if (ready.CurrentCount > 0)
        {
            throw new BenchException($"{ready.CurrentCount} of {options.Watchers} watchers got no snapshot within 120 s.");
        }

        context.Note($"{options.Watchers} watchers of province {province} ({communes.Length} communes) got their snapshots in {Stopwatch.GetElapsedTime(connected).TotalSeconds:0.00} s");
        var records = new List<WriteRecord>();

        async Task Write(long n)
        {
            var commune = communes[(int)(Math.Abs(n) % communes.Length)].Code;
            var leaf = manual[Random.Shared.Next(manual.Count)];
            var value = context.Book.NextValue(commune, leaf, Random.Shared);
            var record = new WriteRecord(Stopwatch.GetTimestamp(), Volatile.Read(ref measuring));
            slots[commune].Add(record);
            var response = await context.Client.Scoring.SubmitScoresAsync(
                ScoreFactory.Appraisal(commune, leaves[leaf], value, $"bench-{run}-{n}"), cancellationToken: cancellationToken);
            record.Changed = context.Book.SetIndex(commune, response.Index);
            Volatile.Write(ref record.AckedAt, Stopwatch.GetTimestamp());
            if (record.Measured)
            {
                lock (records)
                {
                    records.Add(record);
                }
            }
        }

        // Warm up at a tenth of the rate: a full-rate warm-up would leave a backlog of deliveries in front of the measured ones.
        await OpenLoop.RunAsync(Math.Max(1, options.WatchRate / 10), options.Warmup, 2_000, n => Write(-n - 1), cancellationToken);
        Volatile.Write(ref measuring, true);
        early = unmatched = gaps = messages = updates = 0;
        var totalsBefore = await ServerTotals.ReadAsync(context.Server?.MetricsAddress, cancellationToken);
        using var cpu = context.StartCpu();
        var measured = Stopwatch.GetTimestamp();
        var writes = await OpenLoop.RunAsync(options.WatchRate, options.Duration, 2_000, Write, cancellationToken);
        var expected = records.Count(r => r.Changed) * (long)options.Watchers;
        // Deliveries still queued are waited for while they keep arriving (up to a minute), so latency under
        // overload is measured, not cut off.
        var grace = Stopwatch.GetTimestamp();
        var (lastCount, lastProgress) = (-1L, Stopwatch.GetTimestamp());
        while (Stopwatch.GetElapsedTime(grace) < TimeSpan.FromSeconds(60))
        {
            var count = Interlocked.Read(ref received);
            if (records.Where(r => r.Changed).Sum(r => (long)r.Delivered) >= expected || Stopwatch.GetElapsedTime(lastProgress) > TimeSpan.FromSeconds(3))
            {
                break;
            }

            if (count != lastCount)
            {
                (lastCount, lastProgress) = (count, Stopwatch.GetTimestamp());
            }

            await Task.Delay(50, cancellationToken);
        }

        var extras = cpu.Stop().ToList();
        var elapsed = Stopwatch.GetElapsedTime(measured);

        // Per write, with its delivery to every watcher: what the server allocated for the whole fan-out of one change.
        extras.AddRange(ServerTotals.Delta(totalsBefore, await ServerTotals.ReadAsync(context.Server?.MetricsAddress, cancellationToken), writes.Operations)
            .Where(extra => extra.Key == ServerTotals.AllocatedPerOperation));
        await stop.CancelAsync();
        await Task.WhenAll(watchers);
        var delivered = records.Where(r => r.Changed).Sum(r => (long)r.Delivered);
        var latency = ackToDelivery.Snapshot();
        extras.AddRange(
        [
            new("province", province),
            new("watchers", options.Watchers.ToString(CultureInfo.InvariantCulture)),
            new("max_wait_ms", options.WatchWaitMs.ToString(CultureInfo.InvariantCulture)),
            new("watch_decode", options.WatchDecode),
            new("writes", writes.Operations.ToString(CultureInfo.InvariantCulture)),
            new("write_rate", (writes.Operations / writes.Elapsed.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture)),
            new("write_p99_ms", ScenarioResult.Ms(writes.Latency.ValueAtPercentile(99))),
            new("sent_to_delivery_p99_ms", ScenarioResult.Ms(writeToDelivery.Snapshot().ValueAtPercentile(99))),
            new("expected", expected.ToString(CultureInfo.InvariantCulture)),
            new("delivered", delivered.ToString(CultureInfo.InvariantCulture)),
            new("updates_received", Interlocked.Read(ref updates).ToString(CultureInfo.InvariantCulture)),
            new("update_messages", Interlocked.Read(ref messages).ToString(CultureInfo.InvariantCulture)),
            new("before_ack", early.ToString(CultureInfo.InvariantCulture)),
            new("unmatched", unmatched.ToString(CultureInfo.InvariantCulture)),
            new("version_gaps", gaps.ToString(CultureInfo.InvariantCulture)),
            new("resnapshots", (snapshots - options.Watchers).ToString(CultureInfo.InvariantCulture)),
            new("watch_failures", failed.ToString(CultureInfo.InvariantCulture)),
        ]);
        var missing = Math.Max(0, expected - delivered);
        context.Report(new ScenarioResult(Name, context.StorageName, latency.Count, 0, elapsed, latency, writes.Errors + missing + failed,
            "deliveries/s", Target.Latency(99, LatencyTargetMs(options.Watchers))) { Extras = extras }, writes.FirstError ?? failure ?? (missing > 0 ? $"{missing} of {expected} deliveries did not arrive" : null));

        async Task WatchAsync()
        {
            long version = 0;
            var signalled = false;
            var seen = new long[ordered.Length];
            try
            {
                await foreach (var message in ReadAllAsync(context.Client, request, options.WatchDecode == RunOptions.FullDecode, stop.Token))
                {
                    var now = Stopwatch.GetTimestamp();
                    if (message.IsSnapshot)
                    {
                        Interlocked.Increment(ref snapshots);
                        version = message.SnapshotVersion;
                        if (!signalled)
                        {
                            signalled = true;
                            ready.Signal();
                        }

                        continue;
                    }

                    // Counted once a message, not once an update: a thousand watchers share these counters.
                    Interlocked.Add(ref received, message.Updates.Length);
                    if (Volatile.Read(ref measuring))
                    {
                        Interlocked.Increment(ref messages);
                        Interlocked.Add(ref updates, message.Updates.Length);
                    }

                    foreach (var update in message.Updates)
                    {
                        Receive(update, now);
                    }
                }
            }
            catch (RpcException) when (stop.IsCancellationRequested)
            {
            }
            catch (RpcException e)
            {
                Interlocked.Increment(ref failed);
                Interlocked.CompareExchange(ref failure, $"{e.StatusCode}: {e.Status.Detail}", null);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            finally
            {
                if (!signalled)
                {
                    ready.Signal();
                }
            }

            void Receive(WatchedUpdate update, long now)
            {
                if (update.Version != version + 1)
                {
                    Interlocked.Increment(ref gaps);
                }

                version = update.Version;
                if (!positions.TryGetValue(update.Unit, out var position) || ordered[position].Match(seen[position], now) is not { } record)
                {
                    Interlocked.Increment(ref unmatched);
                    return;
                }

                seen[position] = record.Sequence;
                Interlocked.Increment(ref record.Delivered);
                if (!record.Measured)
                {
                    return;
                }

                var acked = Volatile.Read(ref record.AckedAt);
                if (acked == 0 || acked > now)
                {
                    Interlocked.Increment(ref early);
                    ackToDelivery.Record(0);
                }
                else
                {
                    ackToDelivery.Record(ClosedLoop.Nanoseconds(now - acked));
                }

                writeToDelivery.Record(ClosedLoop.Nanoseconds(now - record.SentAt));
            }
        }
    }

    private static readonly Method<WatchRankingRequest, WatchEvent> LightWatch = new(MethodType.ServerStreaming,
        RankingService.Descriptor.FullName, "WatchRanking",
        Marshallers.Create((WatchRankingRequest r) => r.ToByteArray(), WatchRankingRequest.Parser.ParseFrom),
        new Marshaller<WatchEvent>((_, _) => throw new NotSupportedException("The bench only reads watch events."),
            context => WatchEventReader.Read(context.PayloadAsReadOnlySequence())));

    /// <summary>
    /// The watch's messages as <see cref="WatchEvent"/>s: read from their bytes (<c>light</c>), or parsed whole by
    /// protobuf first, as a dashboard would (<c>full</c>).
    /// </summary>
    private static async IAsyncEnumerable<WatchEvent> ReadAllAsync(BenchClients clients, WatchRankingRequest request, bool full,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (full)
        {
            using var call = clients.Ranking.WatchRanking(request, cancellationToken: cancellationToken);
            await foreach (var message in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                yield return message.EventCase switch
                {
                    WatchRankingResponse.EventOneofCase.Snapshot => new WatchEvent(true, message.Snapshot.Version, []),
                    WatchRankingResponse.EventOneofCase.Update => new WatchEvent(false, 0, [Watched(message.Update)]),
                    _ => new WatchEvent(false, 0, [.. message.Updates.Updates.Select(Watched)]),
                };
            }

            yield break;
        }

        using var light = clients.Invoker.AsyncServerStreamingCall(LightWatch, null, new CallOptions(cancellationToken: cancellationToken), request);
        await foreach (var watched in light.ResponseStream.ReadAllAsync(cancellationToken))
        {
            yield return watched;
        }
    }

    private static WatchedUpdate Watched(RankingUpdate update) =>
        new(update.Version, WatchEventReader.Digits(Encoding.ASCII.GetBytes(update.UnitCode)));

    // The targets: p99 under 50 ms for 1,000 watchers (at 1,000 writes/s), under 100 ms for 10,000 (at 100/s).
    private static double LatencyTargetMs(int watchers) => watchers > 1_000 ? 100 : 50;
}
