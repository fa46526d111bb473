using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Cchc.Api.V1;
using Cchc.Server.Admission;
using Cchc.Storage;
using Cchc.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using Xunit.Abstractions;

namespace Cchc.Server.Tests;

/// <summary>
/// Overload, against the server as a process of its own (its resident memory is its own), on core 0 with the load
/// generators (this test process and its h2load processes) on the other cores when there are two or more
/// (<see cref="CorePinning"/>): capacity is measured as durable single-item writes acknowledged per second by 64 callers
/// one after another, then ten times that rate is offered at once, each call with a deadline: nine times by h2load
/// (<see cref="H2LoadRun"/>), whose streams and connections the server must not break, and once by Grpc.Net.Client with
/// every call tracked. What is allowed of every tracked call: OK (acknowledged, within its deadline, or its client would
/// have seen DEADLINE_EXCEEDED); RESOURCE_EXHAUSTED from the server's limit on calls in flight (with the
/// grpc-retry-pushback-ms trailer: nothing done); DEADLINE_EXCEEDED (the deadline passed first: nothing acknowledged), or
/// CANCELLED at or after the deadline (the server reset the stream at its deadline before the client's own timer fired);
/// UNAVAILABLE (the server's "overloaded, retry" answer). Anything else (INTERNAL, such as a connection Kestrel closed;
/// UNKNOWN; a RESOURCE_EXHAUSTED of another origin) fails the test, as does resident memory over the bound, a server that
/// no longer answers health afterwards, or an acknowledged write missing from the database's audit table. As the server
/// itself saw every call (its /metrics), refusals and admissions must come early and few admitted calls may still run
/// at their deadline. The phases are short here; deploy/reliability/run.sh runs them longer through the variables below.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class OverloadTests(ITestOutputHelper output)
{
    /// <summary>
    /// The bound on the server's resident memory under overload, stated in the README: the product's memory budget
    /// (1 GB resident, the performance issue's target). Measured: about 155 MB idle; 204 to 210 MB at peak in this
    /// test and 260 to 280 MB in the 30 s run of deploy/reliability/run.sh (up to 7,416 calls/s offered); up to 715 MB
    /// when the load came from one .NET client whose late resets left streams running on the server.
    /// </summary>
    public const long ResidentBound = 1024L * 1024 * 1024;

    private const string Province = "85";
    private const int Year = 2024;
    private const int CapacityCallers = 64;

    // Ten times capacity comes from two clients at once. Nine times capacity from h2load processes of two connections
    // each (one commune's officer each; writes without an idempotency key, so each admitted one is a durable write of its
    // own), and once capacity from Grpc.Net.Client, call by call, each with its own idempotency key: every one of these
    // calls' outcomes is known, and every write acknowledged to it is looked for in the database. A .NET client alone on
    // one core does not offer ten times capacity: it falls behind its own timers (deadlines seen 10 s late), resets
    // thousands of streams, and reads its answers so late that Kestrel closes its connections (its limits on queued output
    // and on streams reset but still running, ENHANCE_YOUR_CALM), which says nothing of the server's admission.
    private const int BulkProcesses = 8;
    private const int BulkConnections = 2 * BulkProcesses;
    private const int TrackedChannels = 2;
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CapacityPhase = Setting("CCHC_OVERLOAD_CAPACITY_SECONDS", 2);
    private static readonly TimeSpan OverloadPhase = Setting("CCHC_OVERLOAD_SECONDS", 3);
    private static readonly int Factor = (int)Setting("CCHC_OVERLOAD_FACTOR", 10).TotalSeconds;

    // "Refused early": within this of arriving at the server's limit, three quarters of the call's deadline; at least
    // this share of refusals (the rest: timers run late on a starved CPU). Measured: 98.9 to 100 %, also with the
    // machine's load average at 15.
    private static readonly TimeSpan EarlyRefusal = TimeSpan.FromSeconds(1.5);
    private const double EarlyShare = 0.9;

    // At most this share of admitted calls may still hold their slot when their deadline passes. Measured with the
    // default 64 slots: 1.5 to 2 % in the 30 s runs, 0 to 4.7 % in the 3 s runs of the test command (12 to 16 % in 30 s
    // with 256 slots, whose calls spent up to a third of their deadline in the server); earlier, with other jobs taking
    // the disk and cores, up to 48.5 %, when the pace of the last second says little of the next one's. The bound catches an admission that ignores deadlines, not a busy
    // machine.
    private const double OverranShare = 0.5;

    private readonly TestTokens _tokens = new();
    private readonly ConcurrentQueue<string> _acknowledged = new();

    [Fact]
    public async Task At_ten_times_capacity_memory_stays_bounded_calls_end_only_as_allowed_and_nothing_acknowledged_is_lost()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "cchc-overload-" + Guid.NewGuid().ToString("N"));
        var (port, metricsPort) = (LoopbackPort.Free(), LoopbackPort.Free());
        using var turn = await MachineTurn.TakeAsync();
        using var pinning = CorePinning.Apply();
        try
        {
            using var server = await ServerProcess.StartAsync(
                ["--listen", $"127.0.0.1:{port}", "--data-dir", dataDir, "--auth-key", _tokens.Key, "--metrics-listen", $"127.0.0.1:{metricsPort}"],
                new Dictionary<string, string>
                {
                    // Each commune's officer is one principal writing far above a person's pace: the per-principal rate
                    // limit is not what is tested here.
                    ["CCHC_AUTH__RATELIMIT__PERMITSPERSECOND"] = "1000000",
                    ["CCHC_AUTH__RATELIMIT__BURST"] = "1000000",
                },
                pinning.ServerCpus);
            using var metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}/") };
            var address = new Uri($"http://127.0.0.1:{port}/");
            using var client = new ApiClient(address);
            var communes = await SeedAsync(client);
            var callers = communes.ToDictionary(c => c, c => _tokens.As(TestTokens.CommuneOfficer(Province, c)), StringComparer.Ordinal);
            var idle = server.ResidentBytes();

            var capacity = await MeasureCapacityAsync(client, communes, callers);
            var atCapacity = server.ResidentBytes();
            var peak = atCapacity;
            var before = await AdmissionFigures.ScrapeAsync(metrics);
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
                while (await timer.WaitForNextTickAsync(sampling.Token).AsTask().ContinueWith(t => !t.IsCanceled, TaskScheduler.Default))
                {
                    peak = Math.Max(peak, server.ResidentBytes());
                }
            });
            var (serverCpu, clientCpu, wall) = (server.CpuTime(), Process.GetCurrentProcess().TotalProcessorTime, Stopwatch.StartNew());
            var offered = capacity * Factor;
            var bulkPerSecond = (int)Math.Ceiling(capacity * (Factor - 1) / BulkConnections);
            var bulk = Enumerable.Range(0, BulkProcesses).Select(i => communes[i * communes.Count / BulkProcesses]).Select(commune => H2LoadRun.Start(
                address, $"/{ScoringService.Descriptor.FullName}/SubmitScores", Write(commune, 0, ""), _tokens.Issue(TestTokens.CommuneOfficer(Province, commune)),
                CallDeadline, BulkConnections / BulkProcesses, bulkPerSecond, (int)(bulkPerSecond * BulkConnections / BulkProcesses * OverloadPhase.TotalSeconds))).ToList();
            var channels = Enumerable.Range(0, TrackedChannels).Select(_ => new ApiClient(address)).ToList();
            List<Outcome> outcomes;
            try
            {
                outcomes = await OfferAsync(channels, communes, callers, capacity);
                await Task.WhenAll(bulk.Select(b => b.WaitAsync()));
            }
            finally
            {
                channels.ForEach(c => c.Dispose());
                bulk.ForEach(b => b.Dispose());
            }

            (serverCpu, clientCpu) = (server.CpuTime() - serverCpu, Process.GetCurrentProcess().TotalProcessorTime - clientCpu);
            var busy = $"CPU used: server {serverCpu / wall.Elapsed:0.00} cores, this test process {clientCpu / wall.Elapsed:0.00} cores (h2load not counted), over {wall.Elapsed.TotalSeconds:0.0} s";
            await sampling.CancelAsync();
            await sampler;
            var during = (await AdmissionFigures.ScrapeAsync(metrics)).Since(before);

            var health = await client.Health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
            server.Kill();
            await server.WaitForExitAsync();
            var missing = await AuditKeys.MissingFromSqliteAsync(Path.Combine(dataDir, StorageOptions.SqliteFileName), _acknowledged);

            var byCode = outcomes.GroupBy(o => o.Code).ToDictionary(g => g.Key, g => g.ToList());
            var strays = outcomes.Where(o => !Allowed(o)).ToList();
            var ok = byCode.GetValueOrDefault(StatusCode.OK)?.Count ?? 0;
            Print($"capacity: {capacity:0} durable single-item writes/s ({CapacityCallers} callers, {CapacityPhase.TotalSeconds:0} s; {pinning.Description}); " +
                $"server RSS {Mb(idle)} MB idle, {Mb(atCapacity)} MB at capacity");
            Print($"overload: {offered:0}/s offered ({Factor}x) for {OverloadPhase.TotalSeconds:0} s, deadline {CallDeadline.TotalSeconds:0} s each: " +
                $"by h2load {bulkPerSecond}/s on each of {BulkConnections} connections, {bulk.Sum(b => b.Done)} answered in {bulk.Max(b => b.Took).TotalSeconds:0.0} s ({bulk.Sum(b => b.Done / b.Took.TotalSeconds):0}/s), {bulk.Sum(b => b.Errored)} on a broken stream or connection, " +
                $"{bulk.Sum(b => b.NotOk)} not HTTP 200; by Grpc.Net.Client {capacity:0}/s over {TrackedChannels} connections, {outcomes.Count} calls sent, as it saw them: " +
                string.Join(", ", byCode.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value.Count} (p50 {Percentile(c.Value, 0.5):0} ms, p99 {Percentile(c.Value, 0.99):0} ms, max {Percentile(c.Value, 1):0} ms)")));
            Print($"overload: server side: {during.Admitted} admitted, " +
                $"{during.AdmittedWithin(EarlyRefusal.TotalSeconds)} ({during.AdmittedWithinShare(EarlyRefusal.TotalSeconds):P1}) within {EarlyRefusal.TotalSeconds:0.0#} s of arriving, " +
                $"{during.Overran} ({during.OverranShare:P1}) still running at their deadline; {during.Refused} refused, " +
                $"{during.RefusedWithin(EarlyRefusal.TotalSeconds)} ({during.RefusedWithinShare(EarlyRefusal.TotalSeconds):P1}) within {EarlyRefusal.TotalSeconds:0.0#} s of arriving " +
                $"({during.RefusedWithin(0.01)} within 10 ms); Grpc.Net.Client's goodput {ok / OverloadPhase.TotalSeconds:0} OK/s; {busy}");
            if (outcomes.FirstOrDefault(o => o.Code is not (StatusCode.OK or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted)) is { } other)
            {
                Print($"overload: {outcomes.Count(Transport)} calls ended on a broken connection; e.g. {other.Code}: {other.Detail}");
            }

            Print($"overload: server RSS peak {Mb(peak)} MB (bound {Mb(ResidentBound)} MB); health SERVING afterwards; " +
                $"{_acknowledged.Count} writes acknowledged in both phases, {missing.Count} missing from the audit table");

            var serverLog = server.RecentErrors();
            Assert.True(strays.Count == 0, $"calls ended otherwise than allowed: {string.Join("; ", strays.Take(5).Select(s => $"{s.Code} after {s.Milliseconds:0} ms: {s.Detail}"))}" +
                $"\nthe server's last log lines:\n{serverLog[Math.Max(0, serverLog.Length - 3000)..]}");
            Assert.True(bulk.All(b => b.Errored == 0 && b.NotOk == 0),
                $"the server broke h2load's streams or connections: {string.Join(", ", bulk.Select(b => $"{b.Errored} errored, {b.NotOk} not HTTP 200"))}");
            Assert.True(peak < ResidentBound, $"resident memory peaked at {Mb(peak)} MB, over the bound of {Mb(ResidentBound)} MB");
            Assert.Empty(missing);

            // Some work still gets done at ten times capacity (how much depends on the machine: printed, not asserted).
            Assert.True(ok > 0, "no call was acknowledged under overload");

            // Refused early, as the server saw it: a refusal comes at arrival (queue full, or the deadline nearer than the
            // queue's drain time) or after the longest wait (1 s), never near the call's 2 s deadline. Server-side time,
            // so a client too busy to read its answers cannot fail this; the share leaves room for a CPU-starved timer.
            Assert.True(during.Refused > 0, "nothing was refused at ten times capacity");
            Assert.True(during.RefusedWithinShare(EarlyRefusal.TotalSeconds) >= EarlyShare,
                $"only {during.RefusedWithinShare(EarlyRefusal.TotalSeconds):P1} of {during.Refused} refusals came within {EarlyRefusal.TotalSeconds} s of the call's arrival (at least {EarlyShare:P0} must)");

            // Admitted calls finish within their deadlines: the server lets a call wait for a slot only while its
            // deadline still leaves the time a call takes once it has one, so admissions come early too, and few admitted
            // calls still hold their slot when their deadline passes.
            Assert.True(during.Admitted > 0, "nothing was admitted at ten times capacity");
            Assert.True(during.AdmittedWithinShare(EarlyRefusal.TotalSeconds) >= EarlyShare,
                $"only {during.AdmittedWithinShare(EarlyRefusal.TotalSeconds):P1} of {during.Admitted} admitted calls had their slot within {EarlyRefusal.TotalSeconds} s of arriving (at least {EarlyShare:P0} must)");
            Assert.True(during.OverranShare <= OverranShare,
                $"{during.Overran} of {during.Admitted} admitted calls ({during.OverranShare:P1}) still ran at their deadline (at most {OverranShare:P0} may)");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }

    private static bool Allowed(Outcome o) => o.Code switch
    {
        StatusCode.OK or StatusCode.DeadlineExceeded => true,

        // The server's own "overloaded, retry" answer; not Grpc.Net.Client's UNAVAILABLE for a connection that broke
        // (Kestrel closing it), whose detail names the transport's exception.
        StatusCode.Unavailable => !Transport(o),
        StatusCode.ResourceExhausted => o.Pushback,

        // The server ended the call at its deadline (an HTTP/2 reset) before the client's own timer fired, on a client
        // too busy to run it on time: a missed deadline seen from the other side.
        StatusCode.Cancelled => o.Milliseconds >= CallDeadline.TotalMilliseconds,
        _ => false,
    };

    private static bool Transport(Outcome o) =>
        o.Detail.Contains("HttpRequestException", StringComparison.Ordinal) || o.Detail.Contains("HttpProtocolException", StringComparison.Ordinal) ||
        o.Detail.Contains("IOException", StringComparison.Ordinal);

    private static TimeSpan Setting(string variable, int seconds) =>
        TimeSpan.FromSeconds(Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? int.Parse(value, CultureInfo.InvariantCulture) : seconds);

    private static long Mb(long bytes) => bytes / (1024 * 1024);

    private static double Percentile(List<Outcome> outcomes, double p)
    {
        var sorted = outcomes.Select(o => o.Milliseconds).Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    // Two districts of 100 made-up communes each, and the season framework.
    private async Task<IReadOnlyList<string>> SeedAsync(ApiClient client)
    {
        var admin = _tokens.As(TestTokens.ProvinceAdmin(Province));
        var import = new ImportUnitsRequest { ProvinceCode = Province, FirstYear = 2020, LastYear = Year };
        import.Units.Add(new Unit { Code = Province, Name = "Tỉnh Quá Tải", Level = UnitLevel.Province, Type = "Tỉnh" });
        var communes = new List<string>();
        foreach (var district in new[] { "851", "852" })
        {
            import.Units.Add(new Unit { Code = district, Name = $"Huyện {district}", Level = UnitLevel.District, Type = "Huyện", ParentCode = Province });
            for (var i = 0; i < 100; i++)
            {
                var code = district + i.ToString("00", CultureInfo.InvariantCulture);
                communes.Add(code);
                import.Units.Add(new Unit { Code = code, Name = $"Xã {code}", Level = UnitLevel.Commune, Type = "Xã", ParentCode = district });
            }
        }

        await client.Registry.ImportUnitsAsync(import, admin).ResponseAsync;
        await client.Frameworks.PutFrameworkAsync(SeasonFramework.ToRequest(Province, Year), admin).ResponseAsync;
        return communes;
    }

    private async Task<double> MeasureCapacityAsync(ApiClient client, IReadOnlyList<string> communes, Dictionary<string, CallOptions> callers)
    {
        var clock = Stopwatch.StartNew();
        var sent = 0;
        var acknowledged = 0;
        await Task.WhenAll(Enumerable.Range(0, CapacityCallers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < CapacityPhase)
            {
                var n = Interlocked.Increment(ref sent);
                var commune = communes[n % communes.Count];
                var key = $"capacity-{n}";
                await client.Scoring.SubmitScoresAsync(Write(commune, n, key), callers[commune].WithDeadline(DateTime.UtcNow.AddSeconds(30))).ResponseAsync;
                _acknowledged.Enqueue(key);
                Interlocked.Increment(ref acknowledged);
            }
        })));
        return acknowledged / clock.Elapsed.TotalSeconds;
    }

    // Open loop: calls go out at the offered rate whatever becomes of the earlier ones.
    // Calls start on this loop's thread, not one thread-pool item each: the client's CPU goes to the calls themselves.
    private async Task<List<Outcome>> OfferAsync(IReadOnlyList<ApiClient> clients, IReadOnlyList<string> communes, Dictionary<string, CallOptions> callers, double rate)
    {
        var outcomes = new ConcurrentQueue<Outcome>();
        var calls = new List<Task>((int)(rate * OverloadPhase.TotalSeconds) + 1);
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        long issued = 0;
        while (clock.Elapsed < OverloadPhase)
        {
            for (var due = (long)(clock.Elapsed.TotalSeconds * rate); issued < due; issued++)
            {
                var n = (int)issued;
                calls.Add(CallAsync(clients[n % clients.Count], communes[n % communes.Count], n, callers, outcomes));
            }

            await timer.WaitForNextTickAsync();
        }

        await Task.WhenAll(calls);
        return [.. outcomes];
    }

    private async Task CallAsync(ApiClient client, string commune, int n, Dictionary<string, CallOptions> callers, ConcurrentQueue<Outcome> outcomes)
    {
        var key = $"overload-{n}";
        var started = Stopwatch.GetTimestamp();
        var call = client.Scoring.SubmitScoresAsync(Write(commune, n, key), callers[commune].WithDeadline(DateTime.UtcNow + CallDeadline));
        try
        {
            await call.ResponseAsync;
            _acknowledged.Enqueue(key);
            outcomes.Enqueue(new Outcome(StatusCode.OK, Stopwatch.GetElapsedTime(started).TotalMilliseconds, false, ""));
        }
        catch (RpcException e)
        {
            var pushback = e.Trailers.GetValue(CallAdmission.PushbackTrailer) is not null;
            outcomes.Enqueue(new Outcome(e.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, pushback, e.Status.Detail));
        }
        finally
        {
            call.Dispose();
        }
    }

    private static SubmitScoresRequest Write(string commune, int n, string key)
    {
        var request = new SubmitScoresRequest { CommuneCode = commune, Period = Rpc.Year(Year), Stage = Stage.SelfAssessment, IdempotencyKey = key };
        request.Items.Add(new ItemScore { ItemCode = "1.1", Points = ((n % 300) / 100m).ToString("0.00", CultureInfo.InvariantCulture) });
        return request;
    }

    private void Print(string line) => output.WriteLine(TestFigures.Print("overload", line));

    private sealed record Outcome(StatusCode Code, double Milliseconds, bool Pushback, string Detail);
}
