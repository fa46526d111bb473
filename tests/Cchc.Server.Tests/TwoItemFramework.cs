using System.Globalization;
using Cchc.Api.V1;

namespace Cchc.Server.Tests;

/// <summary>
/// A 100-point framework of two fields with one manual item each (1.1 of 40 points, 2.1 of 60), so a commune scoring
/// a and b has index a + b, field 1 index a / 40 × 100 and field 2 index b / 60 × 100: the comparison tests write
/// their expected figures as plain arithmetic.
/// </summary>
internal static class TwoItemFramework
{
    public static PutFrameworkRequest Request(string province, int year, params PeriodKind[] kinds)
    {
        var framework = new Api.V1.Framework { Title = $"Bộ chỉ số CCHC cấp xã tỉnh {province} năm {year}", TotalPoints = "100" };
        framework.Fields.Add(Field("1", "Công tác chỉ đạo, điều hành", "1.1", "Ban hành kế hoạch cải cách hành chính năm", 40));
        framework.Fields.Add(Field("2", "Cải cách thủ tục hành chính", "2.1", "Thực hiện cơ chế một cửa, một cửa liên thông", 60));
        var request = new PutFrameworkRequest { ProvinceCode = province, Year = year, Framework = framework };
        request.PeriodKinds.Add(kinds);
        return request;
    }

    /// <summary>A self-assessment of both items.</summary>
    public static SubmitScoresRequest SelfAssessment(string commune, Period period, decimal item11, decimal item21)
    {
        var request = new SubmitScoresRequest { CommuneCode = commune, Period = period, Stage = Stage.SelfAssessment };
        request.Items.Add(new ItemScore { ItemCode = "1.1", Points = item11.ToString(CultureInfo.InvariantCulture) });
        request.Items.Add(new ItemScore { ItemCode = "2.1", Points = item21.ToString(CultureInfo.InvariantCulture) });
        return request;
    }

    /// <summary>Waits until the scope's ranking of the period holds <paramref name="count"/> communes: scores reach rankings after the write returns.</summary>
    public static async Task WaitForRankedAsync(ApiClient client, string scope, Period period, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await client.Ranking.GetRankingAsync(new GetRankingRequest { ScopeCode = scope, Period = period, PageSize = 1 }).ResponseAsync).UnitCount < count)
        {
            deadline.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }

    private static Api.V1.FrameworkNode Field(string code, string name, string leafCode, string leafName, int max)
    {
        var field = new Api.V1.FrameworkNode { Code = code, Name = name, MaxPoints = max.ToString(CultureInfo.InvariantCulture) };
        field.Children.Add(new Api.V1.FrameworkNode
        {
            Code = leafCode,
            Name = leafName,
            MaxPoints = max.ToString(CultureInfo.InvariantCulture),
            Method = new LeafMethod { Manual = new ManualMethod() },
        });
        return field;
    }
}
