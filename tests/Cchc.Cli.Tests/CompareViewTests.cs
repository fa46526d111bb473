using Cchc.Api.V1;
using Cchc.Cli.Rendering;

namespace Cchc.Cli.Tests;

public sealed class CompareViewTests
{
    [Fact]
    public void A_field_ranked_only_in_the_earlier_year_names_no_move_and_one_ranked_only_in_the_later_year_is_newly_ranked()
    {
        var unit = new UnitComparison { UnitCode = "11116", UnitName = "Xã Quang Khải" };
        unit.Overall = new FieldComparison { IndexA = "85.27", IndexB = "84.97", IndexChange = "-0.30", RankA = 16, UnitCountA = 36, RankB = 16, UnitCountB = 36, Phrase = "giữ nguyên" };
        // The survey field was evaluated in 2022 (15th of 36) and not in 2023: no later rank, so no move to speak of.
        unit.Fields.Add(new FieldComparison { FieldCode = "9", FieldName = "Khảo sát", IndexA = "93.36", RankA = 15, UnitCountA = 36 });
        // A field new in 2023: ranked 2nd of 36 without an earlier rank.
        unit.Fields.Add(new FieldComparison { FieldCode = "10", FieldName = "Mới", IndexB = "70.00", RankB = 2, UnitCountB = 36 });
        var console = new TestConsole();

        foreach (var table in CompareView.Build([unit], new Period { Year = 2022, Kind = PeriodKind.Year }, new Period { Year = 2023, Kind = PeriodKind.Year }))
        {
            console.Console.Write(table);
        }

        var lines = console.Output.Split('\n');
        var survey = Assert.Single(lines, l => l.Contains("Khảo sát", StringComparison.Ordinal));
        Assert.Matches(@"15/36 → –\s*│\s*–\s*│", survey);
        Assert.DoesNotContain("giữ nguyên", survey, StringComparison.Ordinal);
        Assert.Contains("mới xếp hạng", Assert.Single(lines, l => l.Contains("Mới", StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}
