using Cchc.Api.V1;
using Grpc.Core;

namespace Cchc.Server.Tests;

/// <summary>Bad input through the API gets the status a client can act on, a message naming the problem, and changes nothing.</summary>
public sealed class BadInputTests(SmallProvinceFixture fixture) : IClassFixture<SmallProvinceFixture>
{
    private const string Commune = "98002";

    private ApiClient Client => fixture.Admin;

    [Fact]
    public async Task An_unknown_commune_is_not_found()
    {
        var error = await RefusedAsync(Batch("98999", Stage.SelfAssessment, Points("1.1", "1")));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("98999", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9.9", "1", "'9.9' is not in the framework")]
    [InlineData("1.1", "3.5", "above the maximum 3")]
    [InlineData("1.1", "1.2.3", "items[1] (item 1.1) points '1.2.3' is not a decimal number")]
    [InlineData("1.1", "NaN", "'NaN' is not a decimal number")]
    [InlineData("1.1", "1e1", "'1e1' is not a decimal number")]
    [InlineData("2.1", "1", "is a group of 3 items")]
    public async Task A_bad_item_refuses_the_whole_batch_and_changes_nothing(string code, string points, string message)
    {
        var before = await ScorecardAsync();
        var error = await RefusedAsync(Batch(Commune, Stage.SelfAssessment, Points("1.2", "2"), Points(code, points)));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(message, error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await ScorecardAsync());
    }

    [Fact]
    public async Task Points_above_the_maximum_name_the_item_in_vietnamese()
    {
        var error = await RefusedAsync(Batch(Commune, Stage.SelfAssessment, Points("1.1", "4")));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("Item 1.1", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Ban hành kế hoạch cải cách hành chính năm", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ratio_with_b_above_a_is_refused()
    {
        var before = await ScorecardAsync();
        var item = new ItemScore { ItemCode = "4.2", Ratio = new RatioInput { Numerator = 12, Denominator = 10 } };
        var error = await RefusedAsync(Batch(Commune, Stage.SelfAssessment, item));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("b greater than a", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await ScorecardAsync());
    }

    [Fact]
    public async Task Round_2_before_round_1_is_a_failed_precondition()
    {
        var selfAssessment = Batch("98003", Stage.SelfAssessment, Points("3.1", "4"));
        await fixture.Writers.Scoring.SubmitScoresAsync(selfAssessment, fixture.WriterOf(selfAssessment)).ResponseAsync;
        var before = await ScorecardAsync("98003");
        var error = await RefusedAsync(Batch("98003", Stage.AppraisalRound2, Points("3.1", "3")));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("round 1", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await ScorecardAsync("98003"));
    }

    [Fact]
    public async Task Malformed_batches_are_invalid()
    {
        var before = await ScorecardAsync();
        Assert.Equal(StatusCode.InvalidArgument, (await RefusedAsync(Batch(Commune, Stage.SelfAssessment))).StatusCode);
        var duplicate = await RefusedAsync(Batch(Commune, Stage.SelfAssessment, Points("1.1", "1"), Points("1.1", "2")));
        Assert.Contains("more than once", duplicate.Status.Detail, StringComparison.Ordinal);
        var noStage = await RefusedAsync(Batch(Commune, Stage.Unspecified, Points("1.1", "1")));
        Assert.Contains("stage is missing", noStage.Status.Detail, StringComparison.Ordinal);
        var noCode = await RefusedAsync(Batch("", Stage.SelfAssessment, Points("1.1", "1")));
        Assert.Contains("commune_code", noCode.Status.Detail, StringComparison.Ordinal);
        var badPeriod = Batch(Commune, Stage.SelfAssessment, Points("1.1", "1"));
        badPeriod.Period = new Period { Year = 2024, Kind = PeriodKind.Quarter, Number = 5 };
        Assert.Contains("period.number 5", (await RefusedAsync(badPeriod)).Status.Detail, StringComparison.Ordinal);
        var emptyCode = await RefusedAsync(Batch(Commune, Stage.SelfAssessment, Points("", "1")));
        Assert.Contains("items[0].item_code is empty", emptyCode.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await ScorecardAsync());
    }

    [Fact]
    public async Task A_framework_with_errors_lists_every_problem_and_keeps_the_stored_one()
    {
        var before = await Client.Frameworks.GetFrameworkAsync(new GetFrameworkRequest { ProvinceCode = SmallProvinceFixture.Province, Year = SmallProvinceFixture.Year }).ResponseAsync;
        var request = SeasonFramework.ToRequest(SmallProvinceFixture.Province, SmallProvinceFixture.Year);
        var fields = request.Framework.Fields;
        fields[0].MaxPoints = "11";                      // 1: children add up to 10
        fields[1].Children[1].Method = null;            // 2.2: a leaf without a method
        fields[2].Children[2].Code = "3.1";             // 3.1: duplicate code
        fields[3].Children[0].Code = "5.9";             // 5.9: does not extend its parent 4
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.Frameworks.PutFrameworkAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        foreach (var code in (string[])["Item '1'", "Item '2.2'", "Item '3.1'", "Item '5.9'", "declared total"])
        {
            Assert.Contains(code, error.Status.Detail, StringComparison.Ordinal);
        }

        fields[0].MaxPoints = "mười";
        var unreadable = await Assert.ThrowsAsync<RpcException>(() => Client.Frameworks.PutFrameworkAsync(request).ResponseAsync);
        Assert.Contains("Item '1': max_points 'mười' is not a decimal number", unreadable.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await Client.Frameworks.GetFrameworkAsync(new GetFrameworkRequest { ProvinceCode = SmallProvinceFixture.Province, Year = SmallProvinceFixture.Year }).ResponseAsync);
    }

    [Fact]
    public async Task A_batch_over_the_item_limit_is_resource_exhausted_and_changes_nothing()
    {
        var before = await ScorecardAsync();
        var items = Enumerable.Range(0, 1001).Select(_ => Points("1.1", "1")).ToArray();
        var error = await RefusedAsync(Batch(Commune, Stage.SelfAssessment, items));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("items has 1001 entries; this server takes at most 1000 per batch", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await ScorecardAsync());
    }

    [Fact]
    public async Task A_retried_batch_is_applied_once()
    {
        var batch = Batch("98001", Stage.SelfAssessment, Points("5.3", "2.5"));
        batch.IdempotencyKey = Guid.NewGuid().ToString();
        var first = await fixture.Writers.Scoring.SubmitScoresAsync(batch, fixture.WriterOf(batch)).ResponseAsync;
        var card = await ScorecardAsync("98001");
        var second = await fixture.Writers.Scoring.SubmitScoresAsync(batch, fixture.WriterOf(batch)).ResponseAsync;
        Assert.Equal((first.Index, false, true), (second.Index, first.Replayed, second.Replayed));
        Assert.Equal(card, await ScorecardAsync("98001"));
    }

    [Fact]
    public async Task Reading_requests_check_their_shape()
    {
        var ranking = await Assert.ThrowsAsync<RpcException>(() => Client.Ranking.GetRankingAsync(new GetRankingRequest { ScopeCode = SmallProvinceFixture.Province, Period = Rpc.Year(2024), PageSize = 5000 }).ResponseAsync);
        Assert.Equal((StatusCode.InvalidArgument, true), (ranking.StatusCode, ranking.Status.Detail.Contains("page_size 5000", StringComparison.Ordinal)));
        var token = await Assert.ThrowsAsync<RpcException>(() => Client.Registry.ListUnitsAsync(new ListUnitsRequest { ParentCode = "981", Year = 2024, PageToken = "not-a-token" }).ResponseAsync);
        Assert.Contains("page_token", token.Status.Detail, StringComparison.Ordinal);
        var field = await Assert.ThrowsAsync<RpcException>(() => Client.Ranking.GetRankingAsync(new GetRankingRequest { ScopeCode = SmallProvinceFixture.Province, Period = Rpc.Year(2024), FieldCode = "42" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, field.StatusCode);
        var scope = await Assert.ThrowsAsync<RpcException>(() => Client.Ranking.GetRankingAsync(new GetRankingRequest { ScopeCode = "977", Period = Rpc.Year(2024) }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, scope.StatusCode);

        var page = await Client.Registry.ListUnitsAsync(new ListUnitsRequest { ParentCode = "981", Year = 2024, PageSize = 2 }).ResponseAsync;
        var rest = await Client.Registry.ListUnitsAsync(new ListUnitsRequest { ParentCode = "981", Year = 2024, PageSize = 2, PageToken = page.NextPageToken }).ResponseAsync;
        Assert.Equal(SmallProvinceFixture.Communes, page.Units.Concat(rest.Units).Select(u => u.Code));
        Assert.Equal((3, ""), (rest.TotalCount, rest.NextPageToken));
    }

    [Fact]
    public async Task A_message_over_the_size_limit_is_resource_exhausted_and_changes_nothing()
    {
        var before = await ScorecardAsync();
        var request = Batch(Commune, Stage.SelfAssessment, Points("1.1", "1"));
        request.Items[0].Evidence.Add(new string('x', new Hosting.ServerOptions().MaxMessageBytes));

        var error = await RefusedAsync(request);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(before, await ScorecardAsync());
    }

    private static SubmitScoresRequest Batch(string commune, Stage stage, params ItemScore[] items)
    {
        var request = new SubmitScoresRequest { CommuneCode = commune, Period = Rpc.Year(SmallProvinceFixture.Year), Stage = stage };
        request.Items.Add(items);
        return request;
    }

    private static ItemScore Points(string code, string points) => new() { ItemCode = code, Points = points };

    private Task<GetScorecardResponse> ScorecardAsync(string commune = Commune) =>
        Client.Scoring.GetScorecardAsync(new GetScorecardRequest { CommuneCode = commune, Period = Rpc.Year(SmallProvinceFixture.Year) }).ResponseAsync;

    private Task<RpcException> RefusedAsync(SubmitScoresRequest request) =>
        Assert.ThrowsAsync<RpcException>(() => fixture.Writers.Scoring.SubmitScoresAsync(request, fixture.WriterOf(request)).ResponseAsync);
}
