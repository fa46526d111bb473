using Cchc.Api.V1;

namespace Cchc.LoadGen.Tests;

/// <summary>Ranking entries as the server sends them, every field set, for the tests of the bench's readers.</summary>
internal static class Ranked
{
    public static RankingEntry Entry(string code, int place) => new()
    {
        UnitCode = code,
        UnitName = "Xã Đại Sơn",
        Index = "87.25",
        ClassName = "Tốt",
        CompetitionRank = place,
        DenseRank = place,
        GroupCount = 549,
        TiedCount = 1,
        UnitCount = 549,
        Provisional = true,
        Change = new RankChange { HasPrevious = true, PreviousRank = place + 5, Places = 5, PreviousIndex = "85.10", IndexChange = "+2.15", PreviousClassName = "Khá", Phrase = "tăng 5 bậc" },
    };
}
