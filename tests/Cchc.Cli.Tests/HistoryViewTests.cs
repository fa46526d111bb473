using Cchc.Api.V1;
using Cchc.Cli.Rendering;

namespace Cchc.Cli.Tests;

public sealed class HistoryViewTests
{
    [Fact]
    public void A_year_before_the_merger_names_the_predecessors_averaged_and_marks_each_one_that_contributed()
    {
        // Two whole predecessors contributed (71.20 and 64.18, mean 67.69); a partial one did not.
        var response = new GetHistoryResponse { UnitCode = "19414", UnitName = "Xã Cửa Tùng" };
        var before = new HistoryRow
        {
            Year = 2024,
            FromPredecessors = true,
            Index = "67.69",
            ClassName = "Khá",
            ProvinceRank = new HistoryRank { Rank = 3, UnitCount = 9 },
        };
        before.Codes.Add(["19384", "19408"]);
        before.Predecessors.Add(Predecessor("19384", "Xã Kim Thạch", "71.20", whole: true, contributed: true));
        before.Predecessors.Add(Predecessor("19408", "Xã Hiền Thành", "64.18", whole: true, contributed: true));
        before.Predecessors.Add(Predecessor("19423", "Xã Vĩnh Giang", "80.00", whole: false, contributed: false));
        response.Rows.Add(before);
        var console = new TestConsole();

        HistoryView.Write(console.Console, response);

        var lines = console.Output.Split('\n');
        Assert.Matches(@"│\s*2024\s*│\s*bình quân 19384, 19408 \(trước sáp nhập\)\s*│\s*67\.69\s*│\s*Khá\s*│\s*–\s*│\s*3/9\s*│", Assert.Single(lines, l => l.Contains("2024", StringComparison.Ordinal)));
        Assert.Contains("↳ 19384 Xã Kim Thạch (tính vào chỉ số)", Assert.Single(lines, l => l.Contains("19384 Xã", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("↳ 19408 Xã Hiền Thành (tính vào chỉ số)", Assert.Single(lines, l => l.Contains("19408 Xã", StringComparison.Ordinal)), StringComparison.Ordinal);
        var partial = Assert.Single(lines, l => l.Contains("19423 Xã", StringComparison.Ordinal));
        Assert.Contains("↳ 19423 Xã Vĩnh Giang (một phần)", partial, StringComparison.Ordinal);
        Assert.DoesNotContain("tính vào chỉ số", partial, StringComparison.Ordinal);
    }

    private static HistoryPredecessor Predecessor(string code, string name, string index, bool whole, bool contributed) => new()
    {
        UnitCode = code,
        UnitName = name,
        Index = index,
        Whole = whole,
        Contributed = contributed,
    };
}
