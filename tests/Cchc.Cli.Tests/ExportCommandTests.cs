using System.IO.Compression;
using System.Xml.Linq;

namespace Cchc.Cli.Tests;

/// <summary><c>cchc export</c> against the real server: the workbook lands at --out, whole, with its Vietnamese sheet and the scorecard's figures.</summary>
public sealed class ExportCommandTests
{
    private static readonly XNamespace Spreadsheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [Theory]
    [InlineData("export compare --scope 30 --year-a 2023 --year-b 2022 --out a.xlsx", "--year-a is the earlier year and must come before --year-b")]
    [InlineData("export ranking --scope 30 --year 2022", "Option '--out' is required.")]
    [InlineData("export appraisal --commune 1111 --year 2022 --out a.xlsx", "--commune")]
    public void A_mistake_is_caught_before_any_call(string commandLine, string message)
    {
        var result = CchcCli.CreateRootCommand(new CliContext { Console = new TestConsole().Console }).Parse(commandLine);

        Assert.Contains(result.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_appraisal_table_is_saved_where_out_says_and_a_stranger_is_refused()
    {
        await using var server = await CchcServerProcess.StartAsync();
        var at = $"--server {server.Address}";
        var admin = await InProcessCli.TokenAsync(server, "--role province-admin --province 30");
        var officer = await InProcessCli.TokenAsync(server, "--role commune-officer --province 30 --commune 11116");
        var stranger = await InProcessCli.TokenAsync(server, "--role viewer --province 31");
        Assert.Equal(ExitCodes.Success, (await InProcessCli.RunAsync($"units import --file {Samples.Units} {at} --token {admin}")).Code);
        Assert.Equal(ExitCodes.Success, (await InProcessCli.RunAsync($"framework put --province 30 --year 2022 --file {Samples.Framework} {at} --token {admin}")).Code);
        var submit = await InProcessCli.RunAsync($"scores submit --commune 11116 --year 2022 --stage self --file {Samples.SelfScores} {at} --token {officer}");
        Assert.True(submit.Code == ExitCodes.Success, submit.Output);
        var directory = Directory.CreateTempSubdirectory("cchc-export-cli-").FullName;
        try
        {
            var target = Path.Combine(directory, "out", "bang-tham-dinh.xlsx");
            var saved = await InProcessCli.RunAsync($"export appraisal --commune 11116 --year 2022 --out {target} {at} --token {admin}");
            var refused = await InProcessCli.RunAsync($"export appraisal --commune 11116 --year 2022 --out {Path.Combine(directory, "x.xlsx")} {at} --token {stranger}");

            Assert.True(saved.Code == ExitCodes.Success, saved.Output);
            Assert.Contains("Saved bang-tham-dinh-11116-2022.xlsx to " + target, saved.Output, StringComparison.Ordinal);
            using var zip = ZipFile.OpenRead(target);
            var workbook = XDocument.Load(zip.GetEntry("xl/workbook.xml")!.Open());
            Assert.Equal("Bảng thẩm định", (string?)workbook.Descendants(Spreadsheet + "sheet").Single().Attribute("name"));
            var sheet = XDocument.Load(zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).Open());
            var texts = sheet.Descendants(Spreadsheet + "t").Select(t => t.Value).ToList();
            Assert.Contains("Xã Quang Khải (11116)", texts[1], StringComparison.Ordinal);
            Assert.Contains("Tổng điểm", texts);

            Assert.Equal(ExitCodes.Refused, refused.Code);
            Assert.Contains("PERMISSION_DENIED", refused.Output, StringComparison.Ordinal);
            Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName));
            Assert.Equal(["bang-tham-dinh.xlsx"], Directory.EnumerateFiles(Path.Combine(directory, "out")).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
