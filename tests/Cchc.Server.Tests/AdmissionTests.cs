using System.Diagnostics.Metrics;
using System.Globalization;
using Cchc.Api.V1;
using Cchc.Server.Admission;
using Cchc.Storage;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Server.Tests;

/// <summary>
/// The server's limit on calls in flight, through the real server: with its one slot taken (a write held by SQLite's
/// lock) and its one queue place taken, the next call is refused at once with RESOURCE_EXHAUSTED and a retry hint, a
/// call whose deadline leaves less than its handling time is refused rather than queued, health and reflection still
/// answer, and the queued call is served once the slot frees.
/// </summary>
public sealed class AdmissionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_full_server_refuses_at_once_with_a_retry_hint_and_still_answers_health_and_reflection()
    {
        var tiny = new TinyProvince("89", 2024);
        await using var server = await RunningServer.StartAsync(configure: o => o with
        {
            MaxCallsInFlight = 1,
            MaxQueuedCalls = 1,
            MaxQueueWait = TimeSpan.FromMinutes(5),
            AdmissionReserve = TimeSpan.FromSeconds(10),
        });
        var admin = await tiny.SeedAsync(server);
        var admission = server.Host.Services.GetRequiredService<CallAdmission>();
        var store = server.Host.Services.GetRequiredService<ScoreStorage>();
        using var refusals = new RefusalCounter(server.Host.Services.GetRequiredService<IMeterFactory>());
        var (holderCommune, other) = (tiny.Communes[0], tiny.Communes[1]);

        Task<SubmitScoresResponse> holder;
        Task<GetScorecardResponse> queued;
        await using (await SqliteWriteLock.HoldAsync(Path.Combine(server.DataDirectory, StorageOptions.SqliteFileName)))
        {
            var formed = store.BatchesFormed;
            holder = tiny.SubmitAsync(server, tiny.SelfAssessment(holderCommune, 1m));
            Assert.True(SpinWait.SpinUntil(() => store.BatchesFormed > formed && admission.InFlight == 1, Patience), "the holder's write never took the slot");

            // 3 s left, at least 10 s needed: refused now. Had it queued, its client would have seen DEADLINE_EXCEEDED instead.
            var hurried = await Assert.ThrowsAsync<RpcException>(() => server.Shared.Scoring.SubmitScoresAsync(tiny.SelfAssessment(other, 2m),
                server.Tokens.As(TestTokens.CommuneOfficer(tiny.Province, other)).WithDeadline(DateTime.UtcNow.AddSeconds(3))).ResponseAsync);
            Assert.Equal(StatusCode.ResourceExhausted, hurried.StatusCode);
            Assert.Contains("deadline", hurried.Status.Detail, StringComparison.Ordinal);
            Assert.Equal(0, admission.Queued);

            queued = tiny.ScorecardAsync(admin, other);
            Assert.True(SpinWait.SpinUntil(() => admission.Queued == 1, Patience), "the read never queued");

            var refused = await Assert.ThrowsAsync<RpcException>(() => tiny.ScorecardAsync(admin, other));
            Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
            Assert.Contains("all 1 of its call slots are taken and 1 calls are already waiting for one", refused.Status.Detail, StringComparison.Ordinal);
            var pushback = refused.Trailers.GetValue(CallAdmission.PushbackTrailer);
            Assert.True(int.TryParse(pushback, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds is >= 50 and <= 10_000,
                $"{CallAdmission.PushbackTrailer} trailer: '{pushback}', expected whole milliseconds from 50 to 10000");
            Assert.Contains($"Retry in {pushback} ms", refused.Status.Detail, StringComparison.Ordinal);

            // Load balancers and tools still reach a full server.
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await server.Shared.Health.CheckAsync(new HealthCheckRequest())).Status);
            using var reflection = server.Shared.Reflection.ServerReflectionInfo();
            await reflection.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
            Assert.True(await reflection.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Contains(reflection.ResponseStream.Current.ListServicesResponse.Service, s => s.Name == ScoringService.Descriptor.FullName);
            await reflection.RequestStream.CompleteAsync();

            Assert.False(holder.IsCompleted || queued.IsCompleted, "a call finished while the write lock was held");
        }

        Assert.Equal(1, (await holder).AcceptedCount);
        Assert.Equal(other, (await queued).CommuneCode);
        Assert.True(SpinWait.SpinUntil(() => admission.InFlight == 0 && admission.Queued == 0, Patience), "slots stayed taken after every call ended");
        Assert.Equal(new Dictionary<string, long> { ["deadline"] = 1, ["full"] = 1 }, refusals.ByReason());
    }

    /// <summary>Counts this server's refusals (its own meter factory's meter: other tests' servers run in this process too).</summary>
    private sealed class RefusalCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _byReason = new(StringComparer.Ordinal);

        public RefusalCounter(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Name == AdmissionMetrics.Refused)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "reason")
                    {
                        lock (_byReason)
                        {
                            _byReason[(string)tag.Value!] = _byReason.GetValueOrDefault((string)tag.Value!) + value;
                        }
                    }
                }
            });
            _listener.Start();
        }

        public Dictionary<string, long> ByReason()
        {
            lock (_byReason)
            {
                return new Dictionary<string, long>(_byReason, StringComparer.Ordinal);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
