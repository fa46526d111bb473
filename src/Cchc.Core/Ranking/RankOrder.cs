namespace Cchc.Core.Ranking;

/// <summary>Index descending, then Vietnamese name order, then code: the one order every list uses.</summary>
internal static class RankOrder
{
    public static int CompareTies(string leftName, string leftCode, string rightName, string rightCode)
    {
        var byName = VietnameseNameComparer.Instance.Compare(leftName, rightName);
        return byName != 0 ? byName : string.CompareOrdinal(leftCode, rightCode);
    }

    public static int Compare(RankCandidate left, RankCandidate right)
    {
        var byIndex = (right.Index ?? 0m).CompareTo(left.Index ?? 0m);
        return byIndex != 0 ? byIndex : CompareTies(left.Name, left.UnitCode, right.Name, right.UnitCode);
    }

    public static void CheckIndex(RankCandidate candidate)
    {
        if (candidate.Index is { } index && (!OfficialFigure.IsOfficial(index) || index < 0m || index > 100m))
        {
            throw new ArgumentException(
                $"Unit {candidate.UnitCode}: the index {index} is not an official figure between 0 and 100 with two decimals; rank on OfficialFigure.Round(index).",
                nameof(candidate));
        }
    }
}
