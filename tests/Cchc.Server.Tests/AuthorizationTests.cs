using Cchc.Api.V1;
using Cchc.Security;
using Cchc.Storage;
using static Cchc.Server.Tests.TwoProvinces;
using Grpc.Core;

namespace Cchc.Server.Tests;

/// <summary>
/// Every role, through the real server with real tokens, tries every write it may not make: each is PERMISSION_DENIED,
/// and the stored state and the audit log are as they were. The audit log is read from the storage itself, with the
/// server stopped.
/// </summary>
public sealed class AuthorizationTests
{
    // What each principal may write (the seed did these, each by its role); everything else it is refused.
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        [TestTokens.CommuneOfficer(Home, "96101").AuditName] = ["self-assess 96101", "explain 96101"],
        [TestTokens.CommuneOfficer(Other, "95101").AuditName] = ["self-assess 95101", "explain 95101"],
        [TestTokens.Appraiser(Home, "961").AuditName] = ["appraise round 1 of 96101", "appraise round 2 of 96101"],
        [TestTokens.Appraiser(Home).AuditName] = ["appraise round 1 of 96101", "appraise round 2 of 96101", "appraise round 1 of 96201"],
        [TestTokens.Appraiser(Other).AuditName] = ["appraise round 1 of 95101"],
        [TestTokens.ProvinceAdmin(Home).AuditName] = ["import units of 96", "stream-import units of 96", "put the framework of 96", "survey 96101", "publish 96", "publish district 961"],
        [TestTokens.ProvinceAdmin(Other).AuditName] = ["import units of 95", "stream-import units of 95 after 96", "put the framework of 95", "survey 95101", "publish 95"],
        [TestTokens.Viewer(Home).AuditName] = [],
        [TestTokens.National.AuditName] = [],
    };

    private static readonly (string Name, Func<ApiClient, CallOptions, Task> Call)[] Writes =
    [
        ("import units of 96", (c, o) => c.Registry.ImportUnitsAsync(Units(Home, "96103"), o).ResponseAsync),
        ("stream-import units of 96", (c, o) => StreamImportAsync(c, o, Units(Home, "96103"))),
        ("stream-import units of 95 after 96", (c, o) => StreamImportAsync(c, o, Units(Other, "95102"), Units(Home, "96103"))),
        ("import units of 95", (c, o) => c.Registry.ImportUnitsAsync(Units(Other, "95102"), o).ResponseAsync),
        ("put the framework of 96", (c, o) => c.Frameworks.PutFrameworkAsync(Retitled(Home), o).ResponseAsync),
        ("put the framework of 95", (c, o) => c.Frameworks.PutFrameworkAsync(Retitled(Other), o).ResponseAsync),
        ("self-assess 96101", (c, o) => c.Scoring.SubmitScoresAsync(Batch("96101", Stage.SelfAssessment, Points("1.1", "3")), o).ResponseAsync),
        ("self-assess 96201", (c, o) => c.Scoring.SubmitScoresAsync(Batch("96201", Stage.SelfAssessment, Points("1.1", "3")), o).ResponseAsync),
        ("self-assess 95101", (c, o) => c.Scoring.SubmitScoresAsync(Batch("95101", Stage.SelfAssessment, Points("1.1", "3")), o).ResponseAsync),
        ("explain 96101", (c, o) => c.Scoring.SubmitScoresAsync(Batch("96101", Stage.Explanation, new ItemScore { ItemCode = "1.1", Comment = "Giải trình khác" }), o).ResponseAsync),
        ("explain 95101", (c, o) => c.Scoring.SubmitScoresAsync(Batch("95101", Stage.Explanation, new ItemScore { ItemCode = "1.1", Comment = "Giải trình khác" }), o).ResponseAsync),
        ("appraise round 1 of 96101", (c, o) => c.Scoring.SubmitScoresAsync(Batch("96101", Stage.AppraisalRound1, Points("1.1", "0.5")), o).ResponseAsync),
        ("appraise round 2 of 96101", (c, o) => c.Scoring.SubmitScoresAsync(Batch("96101", Stage.AppraisalRound2, Points("1.1", "0.5")), o).ResponseAsync),
        ("appraise round 1 of 96201", (c, o) => c.Scoring.SubmitScoresAsync(Batch("96201", Stage.AppraisalRound1, Points("1.1", "0.5")), o).ResponseAsync),
        ("appraise round 1 of 95101", (c, o) => c.Scoring.SubmitScoresAsync(Batch("95101", Stage.AppraisalRound1, Points("1.1", "0.5")), o).ResponseAsync),
        ("survey 96101", (c, o) => c.Scoring.SubmitScoresAsync(Batch("96101", Stage.Survey, Points("6.1", "1")), o).ResponseAsync),
        ("survey 95101", (c, o) => c.Scoring.SubmitScoresAsync(Batch("95101", Stage.Survey, Points("6.1", "1")), o).ResponseAsync),
        ("publish 96", (c, o) => c.Scoring.PublishPeriodAsync(new PublishPeriodRequest { ScopeCode = Home, Period = Rpc.Year(Year) }, o).ResponseAsync),
        ("publish district 961", (c, o) => c.Scoring.PublishPeriodAsync(new PublishPeriodRequest { ScopeCode = "961", Period = Rpc.Year(Year) }, o).ResponseAsync),
        ("publish 95", (c, o) => c.Scoring.PublishPeriodAsync(new PublishPeriodRequest { ScopeCode = Other, Period = Rpc.Year(Year) }, o).ResponseAsync),
    ];

    [Fact]
    public async Task Every_role_is_refused_every_write_it_may_not_make_and_nothing_changes()
    {
        var tokens = new TestTokens();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "cchc-authorization-" + Guid.NewGuid().ToString("N"));
        await using (var seeding = await RunningServer.StartAsync(dataDirectory, tokens))
        {
            await SeedAsync(seeding, seeding.Anonymous());
        }

        var auditBefore = await ReadAuditAsync(dataDirectory);
        foreach (var (commune, writers) in SeededWriters)
        {
            // One batch's entries are consecutive and share their principal: the token's, never the header's.
            var principals = auditBefore[commune].Select(e => e.Principal).ToList();
            Assert.Equal(writers, principals.Where((p, i) => i == 0 || principals[i - 1] != p));
        }

        await using var server = await RunningServer.StartAsync(dataDirectory, tokens);
        var client = server.Anonymous();
        var national = tokens.As(TestTokens.National);
        var before = await ReadStateAsync(client, national);
        var refusals = 0;
        foreach (var principal in Everyone)
        {
            var options = tokens.As(principal);
            foreach (var (name, call) in Writes.Where(w => !Allowed[principal.AuditName].Contains(w.Name)))
            {
                var error = await Assert.ThrowsAsync<RpcException>(() => call(client, options));
                Assert.True(error.StatusCode == StatusCode.PermissionDenied, $"{principal.AuditName}, {name}: {error.StatusCode} {error.Status.Detail}");
                Assert.StartsWith(char.ToUpperInvariant(principal.Description[0]) + principal.Description[1..] + " may not ", error.Status.Detail, StringComparison.Ordinal);
                refusals++;
            }
        }

        Assert.Equal(before, await ReadStateAsync(client, national));
        await server.StopAsync();
        Assert.Equal(
            auditBefore.Select(a => (a.Key, a.Value.Count, string.Join("|", a.Value))),
            (await ReadAuditAsync(dataDirectory)).Select(a => (a.Key, a.Value.Count, string.Join("|", a.Value))));
        Assert.Equal(Everyone.Length * Writes.Length - Allowed.Values.Sum(a => a.Length), refusals);
        Directory.Delete(dataDirectory, recursive: true);
    }

    private static PutFrameworkRequest Retitled(string province)
    {
        var request = SeasonFramework.ToRequest(province, Year);
        request.Framework.Title = "Bộ chỉ số do người khác sửa";
        return request;
    }

    private static async Task<Dictionary<string, List<AuditEntry>>> ReadAuditAsync(string dataDirectory)
    {
        await using var storage = await ScoreStorageFactory.OpenAsync(StorageOptions.ForSqlite(dataDirectory));
        var audit = new Dictionary<string, List<AuditEntry>>(StringComparer.Ordinal);
        foreach (var commune in Communes)
        {
            audit[commune] = await storage.ReadAuditAsync(commune, Core.Period.Annual(Year).ToString()).ToListAsync();
        }

        return audit;
    }
}
