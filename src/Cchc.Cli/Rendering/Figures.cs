using System.Globalization;
using Cchc.Api.V1;

namespace Cchc.Cli.Rendering;

/// <summary>How figures read on screen. The server rounds; the tool shows its decimal text as sent.</summary>
internal static class Figures
{
    public const string None = "–";

    public static string Points(string text) => string.IsNullOrEmpty(text) ? None : text;

    public static string Percent(string text) => string.IsNullOrEmpty(text) ? None : text + "%";

    /// <summary>"8/23 (nhóm hạng 3/19, đồng hạng với 2 đơn vị khác)".</summary>
    public static string Rank(RankingEntry? entry)
    {
        if (entry is null || entry.CompetitionRank == 0)
        {
            return None;
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"{entry.CompetitionRank}/{entry.UnitCount} (nhóm hạng {entry.DenseRank}/{entry.GroupCount}");
        if (entry.TiedCount > 1)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", đồng hạng với {entry.TiedCount - 1} đơn vị khác");
        }

        return text + ")";
    }

    /// <summary>The change in places as officials say it: "tăng 5 bậc", "giảm 2 bậc", "giữ nguyên", "mới".</summary>
    public static string Change(RankChange? change)
    {
        if (change is null || !change.HasPrevious)
        {
            return "mới xếp hạng";
        }

        if (!string.IsNullOrEmpty(change.Phrase))
        {
            return change.Phrase;
        }

        return Places(change.Places);
    }

    public static string Places(int places) => places switch
    {
        > 0 => string.Create(CultureInfo.InvariantCulture, $"tăng {places} bậc"),
        < 0 => string.Create(CultureInfo.InvariantCulture, $"giảm {-places} bậc"),
        _ => "giữ nguyên",
    };
}
