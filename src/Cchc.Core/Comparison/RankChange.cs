using Cchc.Core.Ranking;

namespace Cchc.Core.Comparison;

/// <summary>
/// A move in competition rank between two periods; positive is up ("tăng 5 bậc": from 13th to 8th).
/// Places are counted as published, even when the scope's size changed between the periods.
/// </summary>
public sealed record RankChange(int From, int To)
{
    public int Places => From - To;

    /// <summary>"tăng 5 bậc", "giảm 7 bậc" or "giữ nguyên".</summary>
    public string Phrase => Places switch
    {
        > 0 => $"tăng {Places} bậc",
        < 0 => $"giảm {-Places} bậc",
        _ => "giữ nguyên",
    };

    /// <summary>The change between two rank answers, or null when the unit was not ranked in one of them.</summary>
    public static RankChange? Between(RankAnswer? earlier, RankAnswer? later) =>
        earlier is not null && later is not null ? new RankChange(earlier.CompetitionRank, later.CompetitionRank) : null;

    public override string ToString() => Phrase;
}
