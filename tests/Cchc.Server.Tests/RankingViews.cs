using System.Globalization;
using Cchc.Grains.Ranking;
using Cchc.Grains.Scoring;
using ProgressTotals = Cchc.Grains.Ranking.ProgressTotals;

namespace Cchc.Server.Tests;

/// <summary>Ranking views and rows as a ranking grain hands them to the API, for the mapping and marshalling tests.</summary>
internal static class RankingViews
{
    /// <summary>A whole ranking of <paramref name="rows"/> communes, with one commune listed apart and every progress row.</summary>
    public static RankingView Whole(int rows, long version, bool published) => FirstPage(rows, rows, version, published);

    /// <summary>The first <paramref name="rows"/> of a ranking of <paramref name="units"/> communes.</summary>
    public static RankingView FirstPage(int rows, int units, long version, bool published)
    {
        var all = Enumerable.Range(1, rows).Select(i => Row((26_000 + i).ToString(CultureInfo.InvariantCulture), i)).ToArray();
        var progress = new ProgressView(version, Totals(), [.. all.Select(r => new CommuneProgressRow(r.UnitCode, r.Name, new ProgressCounts(91, 9, 91, 0, 0, 0, 0, 0)))]);
        return new RankingView(version, units, units, all, [new UnrankedRow("26999", "Xã Quảng Ngọc", "chưa tự đánh giá")], published, progress);
    }

    public static RankingRow Row(string code, int place) =>
        new(code, $"Xã Nghĩa Hưng {place}", 95.5m - (place / 10m), new RankPlace(place, place, 549, 1, 549), "Tốt", false,
            new PreviousStanding(place + 1, 90.25m, "Khá"));

    public static ProgressTotals Totals() =>
        new(549, new StageCounts(500, 40, 9, 0), new StageCounts(100, 0, 449, 0), new StageCounts(0, 0, 549, 0), new StageCounts(0, 0, 549, 0), 3, 5, 2);
}
