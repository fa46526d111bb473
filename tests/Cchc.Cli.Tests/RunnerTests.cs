using Cchc.Api.V1;
using Cchc.Cli.Commands;
using Cchc.Cli.Rendering;
using Grpc.Core;

namespace Cchc.Cli.Tests;

public sealed class RunnerTests
{
    // Nothing listens on port 1 of the loopback: a connection there is refused at once.
    private const string NoServer = "http://127.0.0.1:1";

    [Fact]
    public async Task A_bad_scores_file_is_refused_before_anything_is_sent()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cchc-scores-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "item_code,points\n1.2,x\n1.3.1,\"1,5\"\n1.4,y\n");
        try
        {
            var (code, output) = await InProcessCli.RunAsync($"scores submit --commune 11116 --year 2022 --stage self --file {path} --server {NoServer}");

            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains("has 2 problem(s)", output, StringComparison.Ordinal);
            Assert.Contains("line 2, item 1.2, column points: 'x' is not a number of points", output, StringComparison.Ordinal);
            Assert.Contains("line 4, item 1.4, column points", output, StringComparison.Ordinal);
            Assert.Contains("Nothing was sent to the server.", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_unreachable_server_is_named_with_how_to_point_elsewhere()
    {
        var (code, output) = await InProcessCli.RunAsync($"ranking --scope 30 --year 2022 --server {NoServer}");

        Assert.Equal(ExitCodes.Unavailable, code);
        Assert.Contains("UNAVAILABLE", output, StringComparison.Ordinal);
        Assert.Contains("Cannot reach the server at http://127.0.0.1:1/", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_without_a_terminal_needs_yes()
    {
        var (code, output) = await InProcessCli.RunAsync($"publish --scope 30 --year 2022 --server {NoServer}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("Pass --yes to confirm", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_detail_lines_are_listed_one_by_one()
    {
        var console = new TestConsole();

        CommandRunner.Report(console.Console, [new Uri(NoServer)], new RpcException(new Status(StatusCode.InvalidArgument, "Item '1.2': too many points\nItem '9.9': unknown code")));

        Assert.Contains("The server refused (INVALID_ARGUMENT):", console.Output, StringComparison.Ordinal);
        Assert.Contains("• Item '1.2': too many points", console.Output, StringComparison.Ordinal);
        Assert.Contains("• Item '9.9': unknown code", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ranking_table_shows_ties_changes_and_provisional_marks()
    {
        var console = new TestConsole();
        RankingEntry[] entries =
        [
            new() { UnitCode = "11116", UnitName = "Xã Quang Khải", Index = "91.25", ClassName = "Xuất sắc", CompetitionRank = 1, DenseRank = 1, TiedCount = 1, Change = new RankChange { HasPrevious = true, PreviousRank = 6, Places = 5 } },
            new() { UnitCode = "11095", UnitName = "Xã Dân Chủ", Index = "85.00", ClassName = "Tốt", CompetitionRank = 2, DenseRank = 2, TiedCount = 2, Provisional = true, Change = new RankChange { HasPrevious = true, PreviousRank = 1, Places = -1, Phrase = "giảm 1 bậc" } },
            new() { UnitCode = "11083", UnitName = "Xã Đại Sơn", Index = "85.00", ClassName = "Tốt", CompetitionRank = 2, DenseRank = 2, TiedCount = 2 },
        ];

        console.Console.Write(RankingTable.Build(entries));

        var lines = console.Output.Split('\n');
        Assert.Contains(lines, l => l.Contains("Xã Quang Khải", StringComparison.Ordinal) && l.Contains("tăng 5 bậc", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("2=", StringComparison.Ordinal) && l.Contains("Xã Dân Chủ", StringComparison.Ordinal) && l.Contains("giảm 1 bậc", StringComparison.Ordinal) && l.Contains("* tự chấm", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("2 (2 đồng hạng)", StringComparison.Ordinal) && l.Contains("Xã Đại Sơn", StringComparison.Ordinal) && l.Contains("mới xếp hạng", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rank_reads_as_the_reports_write_it()
    {
        var entry = new RankingEntry { CompetitionRank = 8, UnitCount = 23, DenseRank = 3, GroupCount = 19, TiedCount = 3 };

        Assert.Equal("8/23 (nhóm hạng 3/19, đồng hạng với 2 đơn vị khác)", Figures.Rank(entry));
    }
}
