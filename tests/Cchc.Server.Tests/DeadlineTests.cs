using Cchc.Api.V1;
using Cchc.Security;
using Google.Protobuf;
using Grpc.Core;
using static Cchc.Server.Tests.DeadlineTimes;

namespace Cchc.Server.Tests;

/// <summary>
/// Deadlines through the real server with Đà Nẵng's real units: windows set by the province administrator around the
/// real current time govern score writes (a district's own window before the province's), extensions open one
/// commune's window and are audited, and every bad request changes nothing. Each test uses its own year.
/// </summary>
public sealed class DeadlineTests(DeadlineFixture fixture) : IClassFixture<DeadlineFixture>
{
    private const string Province = DeadlineFixture.Province;
    private const string Zone = "(Vietnam time, UTC+7)";
    private const string Reason = "Xã bị ảnh hưởng bão số 3, trụ sở mất điện";

    [Fact]
    public async Task A_write_inside_its_window_is_accepted_and_one_outside_is_refused_naming_the_window_and_nothing_is_stored()
    {
        const int year = 2020;
        var t = Now();
        var (closedDistrict, closed) = fixture.District(0);
        var (_, open) = fixture.District(1);
        await fixture.Admin.Deadlines.SetDeadlinesAsync(Set(Province, year,
            Window(Stage.SelfAssessment, t.AddDays(-10), t.AddDays(10)),
            Window(Stage.Survey, t.AddDays(1), t.AddDays(30)))).ResponseAsync;
        await fixture.Admin.Deadlines.SetDeadlinesAsync(Set(closedDistrict, year, Window(Stage.SelfAssessment, t.AddDays(-20), t.AddDays(-10)))).ResponseAsync;

        // The province's window governs a district that set none: open.
        var accepted = await SubmitAsync(SelfAssessment(open[0].Code, year, "2"));
        Assert.Equal(1, accepted.AcceptedCount);
        Assert.Equal("2.00", (await ScorecardAsync(open[0].Code, year)).Total.SelfPoints);

        // The district's own window governs its communes: closed ten days ago.
        var before = await ScorecardAsync(closed[0].Code, year);
        var late = await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(SelfAssessment(closed[0].Code, year, "3")));
        Assert.Equal(StatusCode.FailedPrecondition, late.StatusCode);
        Assert.Equal(
            $"Self-assessment for {year} in district {closedDistrict} was open from {Vn(t.AddDays(-20))} to {Vn(t.AddDays(-10))} {Zone}; " +
            $"it closed on {Vn(t.AddDays(-10))}. Ask the province administrator for an extension.",
            late.Status.Detail);
        var after = await ScorecardAsync(closed[0].Code, year);
        AssertSameScores(before, after);
        Assert.Equal("", after.Total.SelfPoints);

        // Too early: the survey opens tomorrow.
        var openBefore = await ScorecardAsync(open[0].Code, year);
        var early = await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(Survey(open[0].Code, year, "7")));
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        Assert.Equal(
            $"Survey for {year} in province {Province} opens on {Vn(t.AddDays(1))} and closes on {Vn(t.AddDays(30))} {Zone}; " +
            $"commune {open[0].Code} can enter it from {Vn(t.AddDays(1))}.",
            early.Status.Detail);
        var openAfter = await ScorecardAsync(open[0].Code, year);
        AssertSameScores(openBefore, openAfter);

        // The district's window is the one to extend, not the province's.
        var wrongScope = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Admin.Deadlines.ExtendDeadlineAsync(Extend(Province, year, closed[0].Code, Stage.SelfAssessment, Rfc(t.AddDays(3)), Reason)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, wrongScope.StatusCode);
        Assert.Contains($"District {closedDistrict} set its own self-assessment window for {year}", wrongScope.Status.Detail, StringComparison.Ordinal);
        await fixture.Admin.Deadlines.ExtendDeadlineAsync(Extend(closedDistrict, year, closed[0].Code, Stage.SelfAssessment, Rfc(t.AddDays(3)), Reason)).ResponseAsync;
        Assert.Equal(1, (await SubmitAsync(SelfAssessment(closed[0].Code, year, "3"))).AcceptedCount);
    }

    [Fact]
    public async Task An_extension_lets_that_one_commune_write_and_not_another_and_is_audited()
    {
        const int year = 2021;
        var t = Now();
        var (district, communes) = fixture.District(0);
        var (extended, other) = (communes[0], communes[1]);
        await fixture.Admin.Deadlines.SetDeadlinesAsync(Set(Province, year, Window(Stage.SelfAssessment, t.AddDays(-20), t.AddDays(-1)))).ResponseAsync;
        foreach (var commune in communes.Take(2))
        {
            Assert.Equal(StatusCode.FailedPrecondition, (await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(SelfAssessment(commune.Code, year, "1")))).StatusCode);
        }

        var asked = DateTimeOffset.UtcNow;
        var response = await fixture.Admin.Deadlines.ExtendDeadlineAsync(Extend(Province, year, extended.Code, Stage.SelfAssessment, Rfc(t.AddDays(5)), Reason)).ResponseAsync;
        var answered = DateTimeOffset.UtcNow;
        var extension = response.Extension;
        Assert.Equal(
            (extended.Code, extended.Name, Stage.SelfAssessment, Rfc(t.AddDays(-1)), Rfc(t.AddDays(5)), Reason, TestTokens.ProvinceAdmin(Province).AuditName),
            (extension.CommuneCode, extension.CommuneName, extension.Stage, extension.PreviousClosesAt, extension.ClosesAt, extension.Reason, extension.GrantedBy));
        Assert.EndsWith("+07:00", extension.GrantedAt, StringComparison.Ordinal);
        var grantedAt = DateTimeOffset.Parse(extension.GrantedAt, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(grantedAt, asked.AddSeconds(-1), answered.AddSeconds(1));

        Assert.Equal(1, (await SubmitAsync(SelfAssessment(extended.Code, year, "2.5"))).AcceptedCount);
        Assert.Equal("2.50", (await ScorecardAsync(extended.Code, year)).Total.SelfPoints);
        var refused = await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(SelfAssessment(other.Code, year, "2.5")));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains($"it closed on {Vn(t.AddDays(-1))}", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("", (await ScorecardAsync(other.Code, year)).Total.SelfPoints);

        // The audit log, read back by a viewer of the province.
        var viewer = fixture.Server.Tokens.As(TestTokens.Viewer(Province));
        var deadlines = await fixture.Server.Shared.Deadlines.GetDeadlinesAsync(Get(Province, year), viewer).ResponseAsync;
        Assert.Equal(extension, Assert.Single(deadlines.Extensions));
        Assert.Equal(Window(Stage.SelfAssessment, t.AddDays(-20), t.AddDays(-1)), Assert.Single(deadlines.Windows));

        // Extensions that cannot be given are refused, each with its reason, and nothing changes.
        (Stage Stage, string Commune, string Scope, string Until, string Reason, StatusCode Status, string Says)[] refusals =
        [
            (Stage.SelfAssessment, other.Code, Province, Rfc(t.AddDays(5)), " ", StatusCode.InvalidArgument, "An extension needs a reason"),
            (Stage.SelfAssessment, other.Code, Province, Rfc(t.AddDays(-2)), Reason, StatusCode.InvalidArgument,
                $"An extension of self-assessment must close after the window does: the window closes on {Vn(t.AddDays(-1))}, the extension asks {Vn(t.AddDays(-2))} {Zone}; give a later close."),
            (Stage.SelfAssessment, other.Code, Province, "05/11/2023", Reason, StatusCode.InvalidArgument, "is not an RFC 3339 time with an offset"),
            (Stage.AppraisalRound1, other.Code, Province, Rfc(t.AddDays(5)), Reason, StatusCode.FailedPrecondition, $"Province {Province} has no appraisal round 1 window for {year}"),
            (Stage.SelfAssessment, fixture.District(1).Communes[0].Code, district, Rfc(t.AddDays(5)), Reason, StatusCode.NotFound, $"is not a commune of district {district} in {year}"),
            (Stage.Unspecified, other.Code, Province, Rfc(t.AddDays(5)), Reason, StatusCode.InvalidArgument, "stage is missing"),
            // The reason's bound: 1,000 characters (documented in the README's bounds table); one more is refused.
            (Stage.SelfAssessment, other.Code, Province, Rfc(t.AddDays(5)), new string('đ', 1001), StatusCode.InvalidArgument,
                "The reason has 1001 characters; keep it to 1000."),
        ];
        foreach (var r in refusals)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() =>
                fixture.Admin.Deadlines.ExtendDeadlineAsync(Extend(r.Scope, year, r.Commune, r.Stage, r.Until, r.Reason)).ResponseAsync);
            Assert.True(error.StatusCode == r.Status, $"{r.Says}: {error.StatusCode} {error.Status.Detail}");
            Assert.Contains(r.Says, error.Status.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(deadlines, await fixture.Server.Shared.Deadlines.GetDeadlinesAsync(Get(Province, year), viewer).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, (await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(SelfAssessment(other.Code, year, "1")))).StatusCode);
    }

    [Fact]
    public async Task Only_the_provinces_administrator_may_set_or_extend_and_every_other_role_changes_nothing()
    {
        const int year = 2022;
        var t = Now();
        var (district, communes) = fixture.District(0);
        var commune = communes[0].Code;
        await fixture.Admin.Deadlines.SetDeadlinesAsync(Set(Province, year, Window(Stage.SelfAssessment, t.AddDays(-20), t.AddDays(-1)))).ResponseAsync;
        var before = await fixture.Admin.Deadlines.GetDeadlinesAsync(Get(Province, year)).ResponseAsync;

        CchcPrincipal[] others =
        [
            TestTokens.Appraiser(Province), TestTokens.Appraiser(Province, district), TestTokens.CommuneOfficer(Province, commune),
            TestTokens.Viewer(Province), TestTokens.ProvinceAdmin("06"), TestTokens.National,
        ];
        foreach (var principal in others)
        {
            var options = fixture.Server.Tokens.As(principal);
            var extend = await Assert.ThrowsAsync<RpcException>(() =>
                fixture.Server.Shared.Deadlines.ExtendDeadlineAsync(Extend(Province, year, commune, Stage.SelfAssessment, Rfc(t.AddDays(5)), Reason), options).ResponseAsync);
            var set = await Assert.ThrowsAsync<RpcException>(() =>
                fixture.Server.Shared.Deadlines.SetDeadlinesAsync(Set(Province, year), options).ResponseAsync);
            var who = char.ToUpperInvariant(principal.Description[0]) + principal.Description[1..];
            Assert.Equal(StatusCode.PermissionDenied, extend.StatusCode);
            Assert.Equal(
                $"{who} may not extend a deadline of province {Province} for commune {commune}: only a province administrator of province {Province} may.",
                extend.Status.Detail);
            Assert.Equal(StatusCode.PermissionDenied, set.StatusCode);
            Assert.StartsWith($"{who} may not set the deadlines of province {Province}", set.Status.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(before, await fixture.Admin.Deadlines.GetDeadlinesAsync(Get(Province, year)).ResponseAsync);
        Assert.Empty(before.Extensions);
        Assert.Equal(StatusCode.FailedPrecondition, (await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(SelfAssessment(commune, year, "1")))).StatusCode);

        // Reads follow the scope's results: inside the province and national viewers, not another province before publication.
        Assert.Equal(before, await fixture.Server.Shared.Deadlines.GetDeadlinesAsync(Get(Province, year), fixture.Server.Tokens.As(TestTokens.CommuneOfficer(Province, commune))).ResponseAsync);
        Assert.Equal(before, await fixture.Server.Shared.Deadlines.GetDeadlinesAsync(Get(Province, year), fixture.Server.Tokens.As(TestTokens.National)).ResponseAsync);
        var outsider = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Server.Shared.Deadlines.GetDeadlinesAsync(Get(Province, year), fixture.Server.Tokens.As(TestTokens.ProvinceAdmin("06"))).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, outsider.StatusCode);
    }

    [Fact]
    public async Task Windows_whose_end_precedes_their_start_or_that_overlap_are_invalid_and_change_nothing()
    {
        const int year = 2023;
        var t = Now();
        var set = await fixture.Admin.Deadlines.SetDeadlinesAsync(Set(Province, year,
            Window(Stage.SelfAssessment, t.AddDays(-5), t.AddDays(5)),
            Window(Stage.AppraisalRound1, t.AddDays(5), t.AddDays(15)),
            Window(Stage.Survey, t.AddDays(-30), t.AddDays(30)))).ResponseAsync;
        var before = await fixture.Admin.Deadlines.GetDeadlinesAsync(Get(Province, year)).ResponseAsync;
        Assert.Equal(set.Deadlines, before);
        Assert.Equal([Stage.SelfAssessment, Stage.AppraisalRound1, Stage.Survey], before.Windows.Select(w => w.Stage));
        Assert.Equal(TestTokens.ProvinceAdmin(Province).AuditName, before.SetBy);

        var backwards = await InvalidAsync(Set(Province, year, Window(Stage.SelfAssessment, t.AddDays(5), t.AddDays(-5))));
        Assert.Contains(
            $"Window 1 (self-assessment): a window whose end precedes its start: it closes {Vn(t.AddDays(-5))} before it opens {Vn(t.AddDays(5))} {Zone}",
            backwards, StringComparison.Ordinal);

        var overlapping = await InvalidAsync(Set(Province, year,
            Window(Stage.SelfAssessment, t.AddDays(-5), t.AddDays(5)),
            Window(Stage.AppraisalRound1, t.AddDays(3), t.AddDays(15)),
            Window(Stage.Survey, t.AddDays(-30), t.AddDays(30))));
        Assert.Contains(
            $"Appraisal round 1 ({Vn(t.AddDays(3))} to {Vn(t.AddDays(15))}) overlaps self-assessment ({Vn(t.AddDays(-5))} to {Vn(t.AddDays(5))}) {Zone}: " +
            $"the stages follow one another, so appraisal round 1 may open at {Vn(t.AddDays(5))} at the earliest.",
            overlapping, StringComparison.Ordinal);

        // Every problem at once, one a line.
        var several = await InvalidAsync(Set(Province, year,
            Window(Stage.Unspecified, t, t.AddDays(1)),
            Window(Stage.Explanation, t.AddDays(2), t.AddDays(1)),
            new StageWindow { Stage = Stage.AppraisalRound2, OpensAt = "2023-12-01", ClosesAt = Rfc(t) }));
        Assert.Equal(4, several.Split('\n').Length);
        Assert.Contains("Window 1 names no stage", several, StringComparison.Ordinal);
        Assert.Contains("Window 2 (explanation): a window whose end precedes its start", several, StringComparison.Ordinal);
        Assert.Contains("Window 3 (appraisal round 2): the opening time '2023-12-01' is not an RFC 3339 time with an offset", several, StringComparison.Ordinal);

        Assert.Equal(before, await fixture.Admin.Deadlines.GetDeadlinesAsync(Get(Province, year)).ResponseAsync);

        // Once a scope's period is published its windows are fixed.
        var (district, _) = fixture.District(1);
        await fixture.Admin.Scoring.PublishPeriodAsync(new PublishPeriodRequest { ScopeCode = district, Period = Rpc.Year(year) }).ResponseAsync;
        var published = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Admin.Deadlines.SetDeadlinesAsync(Set(district, year, Window(Stage.SelfAssessment, t, t.AddDays(1)))).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, published.StatusCode);
        Assert.Contains($"The results of {district} for {year} were published", published.Status.Detail, StringComparison.Ordinal);
        Assert.Empty((await fixture.Admin.Deadlines.GetDeadlinesAsync(Get(district, year)).ResponseAsync).Windows);
    }

    [Fact]
    public async Task A_batch_accepted_inside_its_window_is_still_answered_when_resent_after_the_window_closed()
    {
        const int year = 2024;
        var t = Now();
        var commune = fixture.District(0).Communes[0].Code;
        await fixture.Admin.Deadlines.SetDeadlinesAsync(Set(Province, year, Window(Stage.SelfAssessment, t.AddDays(-5), t.AddDays(5)))).ResponseAsync;
        var batch = SelfAssessment(commune, year, "1.5", idempotencyKey: "han-chot-" + Guid.NewGuid().ToString("N"));
        var first = await SubmitAsync(batch);

        await fixture.Admin.Deadlines.SetDeadlinesAsync(Set(Province, year, Window(Stage.SelfAssessment, t.AddDays(-20), t.AddDays(-10)))).ResponseAsync;
        var again = await SubmitAsync(batch);
        Assert.Equal((first.AcceptedCount, first.Index, true), (again.AcceptedCount, again.Index, again.Replayed));

        var fresh = SelfAssessment(commune, year, "2", idempotencyKey: "han-chot-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(StatusCode.FailedPrecondition, (await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(fresh))).StatusCode);
        Assert.Equal("1.50", (await ScorecardAsync(commune, year)).Total.SelfPoints);
    }

    /// <summary>The scores as before: index, totals and every node (ranks move with other communes' writes).</summary>
    private static void AssertSameScores(GetScorecardResponse before, GetScorecardResponse after)
    {
        Assert.Equal(before.Index, after.Index);
        Assert.Equal(before.Total, after.Total);
        Assert.Equal(before.Fields, after.Fields);
    }

    private async Task<string> InvalidAsync(SetDeadlinesRequest request)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Admin.Deadlines.SetDeadlinesAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith($"The windows of province {Province} for {request.Period.Year} were not set; nothing changed. Fix:\n", error.Status.Detail, StringComparison.Ordinal);
        return error.Status.Detail;
    }

    private static SubmitScoresRequest SelfAssessment(string commune, int year, string points, string idempotencyKey = "") =>
        new()
        {
            CommuneCode = commune, Period = Rpc.Year(year), Stage = Stage.SelfAssessment, IdempotencyKey = idempotencyKey,
            Items = { new ItemScore { ItemCode = "1.1", Points = points } },
        };

    private static SubmitScoresRequest Survey(string commune, int year, string points) =>
        new() { CommuneCode = commune, Period = Rpc.Year(year), Stage = Stage.Survey, Items = { new ItemScore { ItemCode = "6.1", Points = points } } };

    private Task<SubmitScoresResponse> SubmitAsync(SubmitScoresRequest request)
    {
        var writer = request.Stage == Stage.Survey ? TestTokens.ProvinceAdmin(Province) : TestTokens.CommuneOfficer(Province, request.CommuneCode);
        return fixture.Server.Shared.Scoring.SubmitScoresAsync(request, fixture.Server.Tokens.As(writer)).ResponseAsync;
    }

    private Task<GetScorecardResponse> ScorecardAsync(string commune, int year) =>
        fixture.Admin.Scoring.GetScorecardAsync(new GetScorecardRequest { CommuneCode = commune, Period = Rpc.Year(year) }).ResponseAsync;
}
