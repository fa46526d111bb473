using System.Globalization;
using Cchc.Api.Import;
using Cchc.Api.V1;

namespace Cchc.Server.Tests;

/// <summary>
/// Quảng Trị (45) in 2023 with real units from ../shared/data: in Huyện Vĩnh Linh (464), Xã Hiền Thành (19408)
/// self-assesses 77.00 and is appraised 69.82 (DOMAIN.md), five more communes get drawn points at every stage
/// (bonus and penalty items, round 2 on some items, items left awaiting appraisal, items appraised without a claim),
/// one only self-assesses, the rest enter nothing. Every point sent is kept here, so the tests add up the expected
/// figures themselves.
/// </summary>
public sealed class ReliabilityFixture : IAsyncLifetime
{
    public const string Province = "45";
    public const string District = "464";
    public const string HienThanh = "19408";
    public const int Year = 2023;
    public const string SelfOnly = "19426";

    // Every regular leaf outside the survey field: their maxima add up to 80.
    internal static readonly string[] RegularLeaves =
        ["1.1", "1.2", "1.3", "1.4", "2.1.1", "2.1.2", "2.1.3", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "5.1", "5.2", "5.3", "5.4"];

    internal static readonly string[] Drawn = ["19363", "19366", "19369", "19372", "19375"];

    internal RunningServer Server { get; private set; } = null!;

    /// <summary>A national viewer: reads every province's unpublished results.</summary>
    internal ApiClient Reader { get; private set; } = null!;

    /// <summary>The district's communes with their names, as imported.</summary>
    internal IReadOnlyDictionary<string, string> Names { get; private set; } = null!;

    /// <summary>What was sent per commune and leaf.</summary>
    internal Dictionary<string, Dictionary<string, Sent>> Entries { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        var import = (await NationalUnitsFile.ReadAsync(TestPaths.SharedData("units-2025-03-01.json"))).Single(p => p.ProvinceCode == Province);
        Names = import.Units.Where(u => u.Level == UnitLevel.Commune && u.ParentCode == District).ToDictionary(u => u.Code, u => u.Name);
        Server = await RunningServer.StartAsync();
        Reader = Server.ClientAs(TestTokens.National);
        var admin = Server.ClientAs(TestTokens.ProvinceAdmin(Province));
        await admin.Registry.ImportUnitsAsync(import).ResponseAsync;
        await admin.Frameworks.PutFrameworkAsync(SeasonFramework.ToRequest(Province, Year)).ResponseAsync;

        // Hiền Thành: 3 points short of the maximum in its claims; the council takes 7.68 off six items and gives 0.50 more on one.
        var self = RegularLeaves.ToDictionary(l => l, Max);
        (self["1.1"], self["2.3"], self["5.3"]) = (2m, 3m, 4m);
        var appraised = new Dictionary<string, decimal>(self);
        (appraised["1.1"], appraised["2.1.1"], appraised["3.1"], appraised["4.3"], appraised["5.2"], appraised["2.3"], appraised["5.4"]) =
            (1.5m, 2.68m, 3.5m, 3m, 3.14m, 3.5m, 4.5m);
        foreach (var leaf in RegularLeaves)
        {
            Record(HienThanh, leaf).Self = self[leaf];
            Record(HienThanh, leaf).Round1 = appraised[leaf];
        }

        var random = new Random(2023);
        string[] drawable = [.. RegularLeaves, "1.5", "1.6"];
        foreach (var commune in Drawn)
        {
            foreach (var leaf in drawable.Where(_ => random.Next(5) > 0))
            {
                var sent = Record(commune, leaf);
                var kind = random.Next(10);
                sent.Self = kind == 0 ? null : Draw(leaf, random);
                sent.Round1 = kind == 1 ? null : Draw(leaf, random);
                sent.Round2 = sent.Round1 is not null && kind >= 7 ? Draw(leaf, random) : null;
            }
        }

        foreach (var leaf in new[] { "1.1", "3.1", "4.1" })
        {
            Record(SelfOnly, leaf).Self = 1m;
        }

        await SendAsync(Stage.SelfAssessment, s => s.Self);
        await SendAsync(Stage.AppraisalRound1, s => s.Round1);
        await SendAsync(Stage.AppraisalRound2, s => s.Round2);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    internal static bool IsPenalty(string leaf) => leaf == "1.6";

    private static decimal Max(string leaf) => SeasonFramework.Leaves().Single(l => l.Code == leaf).Max;

    private static decimal Draw(string leaf, Random random) => 0.25m * random.Next(0, (int)(Max(leaf) / 0.25m) + 1);

    private Sent Record(string commune, string leaf)
    {
        var items = Entries.TryGetValue(commune, out var existing) ? existing : Entries[commune] = new Dictionary<string, Sent>(StringComparer.Ordinal);
        return items.TryGetValue(leaf, out var sent) ? sent : items[leaf] = new Sent();
    }

    private async Task SendAsync(Stage stage, Func<Sent, decimal?> value)
    {
        foreach (var (commune, items) in Entries)
        {
            var request = new SubmitScoresRequest { CommuneCode = commune, Period = Rpc.Year(Year), Stage = stage };
            request.Items.Add(items.Where(i => value(i.Value) is not null).Select(i => new ItemScore
            {
                ItemCode = i.Key,
                Points = value(i.Value)!.Value.ToString(CultureInfo.InvariantCulture),
            }));
            if (request.Items.Count == 0)
            {
                continue;
            }

            var writer = stage == Stage.SelfAssessment ? TestTokens.CommuneOfficer(Province, commune) : TestTokens.Appraiser(Province, District);
            var response = await Server.Shared.Scoring.SubmitScoresAsync(request, Server.Tokens.As(writer)).ResponseAsync;
            Assert.Equal(request.Items.Count, response.AcceptedCount);
        }
    }

    /// <summary>The points sent for one leaf at each stage.</summary>
    internal sealed class Sent
    {
        public decimal? Self { get; set; }

        public decimal? Round1 { get; set; }

        public decimal? Round2 { get; set; }
    }
}
