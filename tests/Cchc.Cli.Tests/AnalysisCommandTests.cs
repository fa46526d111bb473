using System.Text.RegularExpressions;

namespace Cchc.Cli.Tests;

/// <summary>
/// <c>cchc reliability</c> and <c>cchc history</c> against the real cchc-server, seeded through the CLI itself with the
/// Hải Dương samples: in Huyện Tứ Kỳ, Xã Quang Khải (11116) leads Xã Đại Sơn (11083) in 2022 and falls behind it in
/// 2023; in 2023 the council takes 0.50 off Quang Khải's claims and 0.25 off Đại Sơn's.
/// </summary>
public sealed partial class AnalysisCommandTests
{
    [Fact]
    public async Task Reliability_and_history_print_what_was_submitted()
    {
        await using var server = await CchcServerProcess.StartAsync();
        var at = $"--server {server.Address}";
        var admin = await InProcessCli.TokenAsync(server, "--role province-admin --province 30");
        var appraiser = await InProcessCli.TokenAsync(server, "--role appraiser --province 30 --district 298");
        var reader = await InProcessCli.TokenAsync(server, "--role national-viewer");
        var directory = Directory.CreateTempSubdirectory("cchc-analysis-cli-").FullName;
        try
        {
            await RunAsync($"units import --file {Samples.Units} {at} --token {admin}");
            foreach (var year in new[] { 2022, 2023 })
            {
                await RunAsync($"framework put --province 30 --year {year} --file {Samples.Framework} {at} --token {admin}");
            }

            async Task SubmitAsync(string commune, int year, string stage, string rows)
            {
                var file = Path.Combine(directory, $"{commune}-{year}-{stage}.csv");
                await File.WriteAllTextAsync(file, "item_code,points\n" + rows);
                var token = stage == "self" ? await InProcessCli.TokenAsync(server, $"--role commune-officer --province 30 --commune {commune}") : appraiser;
                await RunAsync($"scores submit --commune {commune} --year {year} --stage {stage} --file {file} {at} --token {token}");
            }

            await SubmitAsync("11116", 2022, "self", "4.2,2\n");
            await SubmitAsync("11083", 2022, "self", "4.2,1\n");
            await SubmitAsync("11116", 2023, "self", "2.1.1,1\n3.1.2,1\n");
            await SubmitAsync("11116", 2023, "appraisal-1", "2.1.1,0.5\n3.1.2,1\n");
            await SubmitAsync("11083", 2023, "self", "2.1.1,1\n3.1.2,1\n4.2,2\n");
            await SubmitAsync("11083", 2023, "appraisal-1", "2.1.1,0.75\n");

            var byGap = await RunAsync($"reliability --scope 298 --year 2023 {at} --token {reader}");
            var byName = await RunAsync($"reliability --scope 298 --year 2023 --sort name --ascending {at} --token {reader}");
            var field = await RunAsync($"reliability --scope 30 --year 2023 --field 3 {at} --token {reader}");
            var history = await RunAsync($"history --commune 11116 {at} --token {reader}");

            // Largest gap first: Quang Khải claimed 2.00 and got 1.50; Đại Sơn claimed 1.00 on its one appraised item and got 0.75.
            var quangKhai = Line(byGap, "Xã Quang Khải");
            var daiSon = Line(byGap, "Xã Đại Sơn");
            Assert.Matches(@"│\s*1\s*│\s*11116\s*│\s*Xã Quang Khải\s*│\s*2\.00\s*│\s*1\.50\s*│\s*\+0\.50\s*│\s*1\s*│\s*2\s*│", quangKhai);
            Assert.Matches(@"│\s*2\s*│\s*11083\s*│\s*Xã Đại Sơn\s*│\s*1\.00\s*│\s*0\.75\s*│\s*\+0\.25\s*│\s*1\s*│\s*1\s*│", daiSon);
            Assert.Contains("Scope totals: self 3.00, appraised 2.25, gap +0.75; 2 of 3 items scored higher", byGap, StringComparison.Ordinal);
            Assert.Contains("Not compared:", byGap, StringComparison.Ordinal);
            Assert.Contains("no scores entered", byGap, StringComparison.Ordinal);

            // In Vietnamese order Đ comes after D and before Q (in code-point order it would come after Q).
            Assert.True(byName.IndexOf("Xã Đại Sơn", StringComparison.Ordinal) < byName.IndexOf("Xã Quang Khải", StringComparison.Ordinal), byName);

            // Field 3 holds 3.1.2 only: both claimed 1 and were given 1 (Quang Khải) or not yet appraised (Đại Sơn).
            Assert.Matches(@"Xã Quang Khải\s*│\s*1\.00\s*│\s*1\.00\s*│\s*0\.00\s*│\s*0\s*│\s*1\s*│", Line(field, "Xã Quang Khải"));
            Assert.Contains("11083 Xã Đại Sơn: 1 item self-assessed in field 3, none appraised yet", field, StringComparison.Ordinal);

            // 2022: first of the two ranked communes of Tứ Kỳ and of the province; 2023: second, down one place.
            Assert.Contains("Xã Quang Khải (11116): Chỉ số CCHC qua các năm", history, StringComparison.Ordinal);
            Assert.Matches(@"│\s*2022\s*│\s*11116\s*│[^│]*│[^│]*│\s*1/2\s*│\s*1/2\s*│\s*–\s*│\s*–\s*│", Line(history, "2022"));
            Assert.Matches(@"│\s*2023\s*│\s*11116\s*│[^│]*│[^│]*│\s*2/2\s*│\s*2/2\s*│\s*-[0-9]+\.[0-9]{2}\s*│\s*giảm 1 bậc\s*│", Line(history, "2023"));

            var unknown = await InProcessCli.RunAsync($"history --commune 99999 {at} --token {reader}");
            Assert.Equal(ExitCodes.Refused, unknown.Code);
            Assert.Contains("The server refused (NOT_FOUND):", unknown.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<string> RunAsync(string commandLine)
    {
        var (code, output) = await InProcessCli.RunAsync(commandLine);
        Assert.True(code == ExitCodes.Success, $"cchc {commandLine.Split(' ')[0]} exited {code}:\n{output}");
        return output;
    }

    private static string Line(string output, string containing) =>
        output.Split('\n').FirstOrDefault(l => l.Contains(containing, StringComparison.Ordinal) && l.Contains('│', StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"No table row with '{containing}' in:\n{output}");
}
