using Cchc.Api.V1;
using Cchc.Cli.Rendering;

namespace Cchc.Cli.Tests;

public sealed class ScorecardViewTests
{
    [Fact]
    public void The_totals_row_closes_the_tree_under_its_Vietnamese_name()
    {
        // Two fields of 15 and 5 points: self 14.34 + 4.00 = 18.34, appraised 13.84 + 3.50 = 17.34, lost 20 - 17.34 = 2.66.
        var card = new GetScorecardResponse
        {
            CommuneCode = "11116",
            CommuneName = "Xã Quang Khải",
            Index = "86.70",
            ClassName = "Tốt",
            Total = Node("", "Tổng điểm", "20.00", "18.34", "17.34", "2.66", "86.70"),
        };
        card.Fields.Add(Node("1", "Công tác chỉ đạo, điều hành", "15.00", "14.34", "13.84", "1.16", "92.27"));
        card.Fields.Add(Node("2", "Cải cách thể chế", "5.00", "4.00", "3.50", "1.50", "70.00"));
        var console = new TestConsole();

        console.Console.Write(ScorecardView.Build(card));

        var lines = console.Output.Split('\n');
        var total = Assert.Single(lines, l => l.Contains("Tổng điểm", StringComparison.Ordinal));
        Assert.Contains("20.00 | 18.34 | 17.34 | 17.34 | mất 2.66 | 86.70%", total, StringComparison.Ordinal);
        Assert.True(Array.IndexOf(lines, total) > Array.FindIndex(lines, l => l.Contains("Cải cách thể chế", StringComparison.Ordinal)));
    }

    private static ScorecardNode Node(string code, string name, string max, string self, string appraised, string lost, string index) => new()
    {
        Code = code,
        Name = name,
        MaxPoints = max,
        FrameworkMaxPoints = max,
        SelfPoints = self,
        AppraisedPoints = appraised,
        EffectivePoints = appraised,
        LostPoints = lost,
        ComponentIndex = index,
        Evaluated = true,
    };
}
