using System.Globalization;
using Cchc.Api.Import;
using Cchc.Api.V1;
using Cchc.Testing;
using Grpc.Core;

namespace Cchc.Server.Tests;

/// <summary>
/// The server process is killed with SIGKILL while clients write. After a restart every acknowledged write is
/// there, and no batch is half-applied: a batch sets two items from one number, so a card showing items from
/// two different batches would betray a torn write. Run on SQLite and on PostgreSQL (the derived classes).
/// </summary>
public abstract class KillTests : IAsyncLifetime
{
    private const int Year = 2024;
    private const string Province = "48";
    private readonly TestTokens _tokens = new();
    private TestStorage _storage = null!;
    private int? _siloPort;

    public async Task InitializeAsync() => _storage = await CreateStorageAsync();

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    private protected abstract Task<TestStorage> CreateStorageAsync();

    [Fact]
    public async Task Every_acknowledged_write_survives_sigkill_and_none_is_half_applied()
    {
        var port = LoopbackPort.Free();
        var communes = await PrepareAsync(port);
        var killAfter = new Random().Next(50, 300);

        using var server = await StartServerAsync(port);
        using var client = new ApiClient(new Uri($"http://127.0.0.1:{port}/"));
        var acknowledged = new Dictionary<string, int>();
        var inFlight = new Dictionary<string, int>();
        var acks = 0;
        Exception? firstError = null;
        using var killed = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var mine = communes.Where((_, i) => i % 4 == w).ToArray();
            for (var generation = 1; !killed.IsCancellationRequested; generation++)
            {
                foreach (var commune in mine)
                {
                    lock (inFlight)
                    {
                        inFlight[commune] = generation;
                    }

                    try
                    {
                        await client.Scoring.SubmitScoresAsync(Batch(commune, generation), _tokens.As(TestTokens.CommuneOfficer(Province, commune))).ResponseAsync;
                    }
                    catch (Exception e) when (e is RpcException or HttpRequestException or OperationCanceledException)
                    {
                        // After the kill every call fails; before it, a failure is the test's to report.
                        Interlocked.CompareExchange(ref firstError, killed.IsCancellationRequested ? null : e, null);
                        return;
                    }

                    lock (inFlight)
                    {
                        acknowledged[commune] = generation;
                        if (++acks == killAfter)
                        {
                            server.Kill();
                            killed.Cancel();
                        }
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(writers);
        server.Kill();
        await server.WaitForExitAsync();
        Assert.True(acks >= killAfter, $"The writers stopped after {acks} acknowledgements, before the kill at {killAfter}: {firstError}");

        using var restarted = await StartServerAsync(port);
        using var reader = new ApiClient(new Uri($"http://127.0.0.1:{port}/"));
        foreach (var commune in communes.Where(acknowledged.ContainsKey))
        {
            var card = await reader.Scoring.GetScorecardAsync(new GetScorecardRequest { CommuneCode = commune, Period = Rpc.Year(Year) }, _tokens.As(TestTokens.Viewer(Province))).ResponseAsync;
            var stored = Generation(card);
            Assert.True(stored == acknowledged[commune] || stored == inFlight[commune],
                $"Commune {commune}: stored generation {stored}, last acknowledged {acknowledged[commune]}, in flight {inFlight[commune]}.");
        }

        restarted.Kill();
    }

    private async Task<string[]> PrepareAsync(int port)
    {
        using var server = await StartServerAsync(port);
        using var client = new ApiClient(new Uri($"http://127.0.0.1:{port}/"));
        var units = (await NationalUnitsFile.ReadAsync(TestPaths.SharedData("units-2025-03-01.json"))).Single(p => p.ProvinceCode == Province);
        var admin = _tokens.As(TestTokens.ProvinceAdmin(Province));
        await client.Registry.ImportUnitsAsync(units, admin).ResponseAsync;
        await client.Frameworks.PutFrameworkAsync(SeasonFramework.ToRequest(Province, Year), admin).ResponseAsync;
        server.Kill();
        await server.WaitForExitAsync();
        return [.. units.Units.Where(u => u.Level == UnitLevel.Commune).Select(u => u.Code).Take(24)];
    }

    // Two manual items take values derived from one number, so both always come from the same batch.
    private static SubmitScoresRequest Batch(string commune, int generation)
    {
        var request = new SubmitScoresRequest
        {
            CommuneCode = commune,
            Period = Rpc.Year(Year),
            Stage = Stage.SelfAssessment,
            IdempotencyKey = $"{commune}-{generation}",
        };
        request.Items.Add(new ItemScore { ItemCode = "1.1", Points = Points(generation % 300) });
        request.Items.Add(new ItemScore { ItemCode = "3.1", Points = Points(generation % 500) });
        return request;
    }

    private static int Generation(GetScorecardResponse card)
    {
        var first = Hundredths(ScoreCards.Item(card.Fields, "1.1").SelfPoints);
        var second = Hundredths(ScoreCards.Item(card.Fields, "3.1").SelfPoints);
        var generation = Enumerable.Range(1, 1499).FirstOrDefault(g => g % 300 == first && g % 500 == second);
        Assert.True(generation > 0, $"Items 1.1 = {first} and 3.1 = {second} hundredths come from different batches: a torn write.");
        return generation;
    }

    private static string Points(int hundredths) => (hundredths / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static int Hundredths(string points) => (int)(decimal.Parse(points, CultureInfo.InvariantCulture) * 100);

    // The gRPC port and the silo port stay the same across a restart, as an operator's settings do: on PostgreSQL the
    // server is a cluster member, and one restarted on its own address and port retires its dead predecessor at once
    // (on another port it waits for the dead row to go stale and be voted out).
    private Task<ServerProcess> StartServerAsync(int port)
    {
        _siloPort ??= LoopbackPort.Free();
        return ServerProcess.StartAsync(["--listen", $"127.0.0.1:{port}", "--silo-port", $"{_siloPort}", .. _storage.Arguments, "--auth-key", _tokens.Key, "--metrics-listen", "127.0.0.1:0"]);
    }
}
