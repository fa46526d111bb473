using System.CommandLine;
using Cchc.Api.V1;
using Cchc.Cli.Commands;
using Cchc.Cli.Options;

namespace Cchc.Cli.Tests;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("self", Stage.SelfAssessment)]
    [InlineData("appraisal-1", Stage.AppraisalRound1)]
    [InlineData("explanation", Stage.Explanation)]
    [InlineData("appraisal-2", Stage.AppraisalRound2)]
    [InlineData("survey", Stage.Survey)]
    public void Stage_names_map_to_the_api_stages(string name, Stage stage)
    {
        var result = Parse($"scores submit --commune 11116 --year 2022 --stage {name} --file s.csv");

        Assert.Empty(result.Errors);
        var command = Assert.IsType<ScoresSubmitCommand>(result.CommandResult.Command);
        var request = command.ToRequest(result, [new ItemScore { ItemCode = "1.2", Faults = 1 }], () => "new-key");
        Assert.Equal(stage, request.Stage);
        Assert.Equal(("11116", "new-key"), (request.CommuneCode, request.IdempotencyKey));
        Assert.Equal(new Period { Year = 2022, Kind = PeriodKind.Year }, request.Period);
        Assert.Equal("1.2", Assert.Single(request.Items).ItemCode);
    }

    [Fact]
    public void A_given_idempotency_key_and_half_year_go_into_the_request()
    {
        var result = Parse("scores submit --commune 11116 --year 2025 --half 1 --stage appraisal-2 --file s.csv --idempotency-key k-42");

        var request = ((ScoresSubmitCommand)result.CommandResult.Command).ToRequest(result, [], () => "unused");

        Assert.Equal("k-42", request.IdempotencyKey);
        Assert.Equal(new Period { Year = 2025, Kind = PeriodKind.HalfYear, Number = 1 }, request.Period);
    }

    [Theory]
    [InlineData("scores submit --commune 11116 --year 2022 --stage appraisal-3 --file s.csv", "'appraisal-3' is not a stage; use one of self, appraisal-1, explanation, appraisal-2, survey")]
    [InlineData("scores submit --commune 1111 --year 2022 --stage self --file s.csv", "--commune: '1111' is not a unit code")]
    [InlineData("scores submit --commune 11116 --year 2022 --stage self", "--file")]
    [InlineData("scorecard --commune 11116 --year 2022 --half 1 --quarter 2", "Give --half or --quarter, not both")]
    [InlineData("scorecard --commune 11116 --year 2022 --half 3", "--half: '3' must be a whole number from 1 to 2")]
    [InlineData("scorecard --commune 11116 --year 22", "--year: '22' must be a whole number from 2000 to 2100")]
    [InlineData("ranking --scope 3000 --year 2022", "--scope: '3000' is not a unit code; give the national statistics code of 2 or 3 digits")]
    [InlineData("ranking --scope 30 --year 2022 --field 3.1", "--field: '3.1' is not a field code")]
    [InlineData("ranking --scope 30 --year 2022 --top 0", "--top: '0' must be a whole number")]
    [InlineData("compare --scope 30 --year-a 2024 --year-b 2023", "--year-a is the earlier year")]
    [InlineData("lost-points --commune 11116 --year 2022 --what-if 1.5.4,7..3", "--what-if: '7..3' is not an item code")]
    [InlineData("framework put --province 30 --year 2022 --file f.json --periods year,monthly", "--periods: 'monthly' is not a period kind; use year, half-year, quarter")]
    [InlineData("framework show --province 30 --year 2022 --period-kind week", "--period-kind: 'week' is not a period kind")]
    [InlineData("units import --file u.json --province 1", "--province: '1' is not a unit code")]
    [InlineData("units list --parent 11116 --year 2022", "--parent: '11116' is not a unit code")]
    [InlineData("ranking --scope 30 --year 2022 --server ftp://x", "--server: 'ftp://x' is not a server address")]
    [InlineData("ranking --scope 30 --year 2022 --token \"a b\"", "--token: the token must be printable ASCII without spaces")]
    [InlineData("demo --speed 0", "--speed: '0' must be a whole number from 1 to 1000")]
    public void Bad_values_give_a_clear_error(string commandLine, string message)
    {
        var result = Parse(commandLine);

        Assert.Contains(result.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Scorecard_reads_the_commune_and_a_quarter()
    {
        var result = Parse("scorecard --commune 11116 --year 2024 --quarter 2");

        var request = ((ScorecardCommand)result.CommandResult.Command).ToRequest(result);

        Assert.Equal(("11116", new Period { Year = 2024, Kind = PeriodKind.Quarter, Number = 2 }), (request.CommuneCode, request.Period));
    }

    [Fact]
    public void Ranking_reads_scope_field_and_top()
    {
        var result = Parse("ranking --scope 298 --year 2022 --field 3 --top 10");

        var request = ((RankingCommand)result.CommandResult.Command).ToRequest(result);

        Assert.Empty(result.Errors);
        Assert.Equal(("298", "3", 10), (request.ScopeCode, request.FieldCode, request.PageSize));
        var all = Parse("ranking --scope 30 --year 2022");
        Assert.Equal(1000, ((RankingCommand)all.CommandResult.Command).ToRequest(all).PageSize);
    }

    [Fact]
    public void Compare_reads_both_years_and_the_optional_commune()
    {
        var result = Parse("compare --scope 30 --year-a 2023 --year-b 2024 --commune 11116");

        var request = ((CompareCommand)result.CommandResult.Command).ToRequest(result);

        Assert.Empty(result.Errors);
        Assert.Equal(("30", "11116", 2023, 2024), (request.ScopeCode, request.UnitCode, request.YearA, request.YearB));
    }

    [Fact]
    public void Lost_points_reads_the_what_if_items()
    {
        var result = Parse("lost-points --commune 11116 --year 2022 --what-if 1.5.4,7.1.3");

        var request = ((LostPointsCommand)result.CommandResult.Command).ToRequest(result);

        Assert.Empty(result.Errors);
        Assert.Equal(["1.5.4", "7.1.3"], request.WhatIfFullItems);
    }

    [Fact]
    public void Publish_and_watch_read_scope_and_period()
    {
        var publish = Parse("publish --scope 30 --year 2022 --yes");
        var watch = Parse("watch --scope 298 --year 2022 --field 7");

        var publishRequest = ((PublishCommand)publish.CommandResult.Command).ToRequest(publish);
        var watchRequest = ((WatchCommand)watch.CommandResult.Command).ToRequest(watch);

        Assert.Equal(("30", 2022), (publishRequest.ScopeCode, publishRequest.Period.Year));
        Assert.True(publish.GetValue<bool>("--yes"));
        Assert.Equal(("298", "7", 0L), (watchRequest.ScopeCode, watchRequest.FieldCode, watchRequest.ResumeAfterVersion));
    }

    [Fact]
    public async Task Framework_put_reads_the_file_and_the_period_kinds()
    {
        var result = Parse($"framework put --province 30 --year 2022 --file {Samples.Framework} --periods year,half-year");

        var request = await ((FrameworkPutCommand)result.CommandResult.Command).ToRequestAsync(result, CancellationToken.None);

        Assert.Empty(result.Errors);
        Assert.Equal(("30", 2022, 10), (request.ProvinceCode, request.Year, request.Framework.Fields.Count));
        Assert.Equal([PeriodKind.Year, PeriodKind.HalfYear], request.PeriodKinds);
        var defaults = Parse($"framework put --province 30 --year 2022 --file {Samples.Framework}");
        Assert.Equal([PeriodKind.Year], defaults.GetValue<PeriodKind[]>("--periods"));
    }

    [Fact]
    public void Framework_show_and_units_list_build_their_requests()
    {
        var show = Parse("framework show --province 30 --year 2022 --period-kind half-year --json");
        var list = Parse("units list --parent 298 --year 2022");
        var provinces = Parse("units list --year 2025");

        Assert.Equal(PeriodKind.HalfYear, ((FrameworkShowCommand)show.CommandResult.Command).ToRequest(show).PeriodKind);
        Assert.Equal(("298", 2022), (((UnitsListCommand)list.CommandResult.Command).ToRequest(list).ParentCode, 2022));
        Assert.Equal(string.Empty, ((UnitsListCommand)provinces.CommandResult.Command).ToRequest(provinces).ParentCode);
    }

    [Fact]
    public void The_server_and_token_come_from_the_environment_unless_given()
    {
        var env = new Dictionary<string, string> { ["CCHC_SERVER"] = "https://cchc.example.gov.vn:8443", ["CCHC_TOKEN"] = "t0ken" };

        var fromEnvironment = Parse("ranking --scope 30 --year 2022", env);
        var given = Parse("ranking --scope 30 --year 2022 --server http://10.0.0.5:7000 --token other", env);
        var defaults = Parse("ranking --scope 30 --year 2022");

        Assert.Equal((new Uri("https://cchc.example.gov.vn:8443"), "t0ken"), (Assert.Single(Servers(fromEnvironment)!), fromEnvironment.GetValue<string?>("--token")));
        Assert.Equal((new Uri("http://10.0.0.5:7000"), "other"), (Assert.Single(Servers(given)!), given.GetValue<string?>("--token")));
        Assert.Equal((new Uri(GlobalOptions.DefaultServer), (string?)null), (Assert.Single(Servers(defaults)!), defaults.GetValue<string?>("--token")));
    }

    [Fact]
    public void A_cluster_is_a_comma_separated_list_in_the_option_or_the_environment_in_the_order_given()
    {
        var env = new Dictionary<string, string> { ["CCHC_SERVER"] = "https://silo-1.cchc.example.gov.vn, https://silo-2.cchc.example.gov.vn:8443" };

        var given = Parse("ranking --scope 30 --year 2022 --server http://127.0.0.1:5003,http://127.0.0.1:5001,http://127.0.0.1:5002");
        var fromEnvironment = Parse("ranking --scope 30 --year 2022", env);

        Assert.Empty(given.Errors);
        Assert.Equal([new Uri("http://127.0.0.1:5003"), new Uri("http://127.0.0.1:5001"), new Uri("http://127.0.0.1:5002")], Servers(given));
        Assert.Empty(fromEnvironment.Errors);
        Assert.Equal([new Uri("https://silo-1.cchc.example.gov.vn"), new Uri("https://silo-2.cchc.example.gov.vn:8443")], Servers(fromEnvironment));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5001,,http://127.0.0.1:5002", "--server: address 2 of 3 in 'http://127.0.0.1:5001,,http://127.0.0.1:5002' is empty; remove the extra comma.")]
    [InlineData("http://127.0.0.1:5001,", "--server: address 2 of 2 in 'http://127.0.0.1:5001,' is empty; remove the extra comma.")]
    [InlineData("http://127.0.0.1:5001,127.0.0.1:5002", "--server: '127.0.0.1:5002' is not a server address; give one like http://127.0.0.1:5000")]
    [InlineData("http://127.0.0.1:5001,localhost:5002", "--server: 'localhost:5002' is not a server address")]
    [InlineData("http://127.0.0.1:5001,http://127.0.0.1:5002,http://127.0.0.1:5001/", "--server: 'http://127.0.0.1:5001/' is given twice; give each server once.")]
    [InlineData("http://Silo-1:80,http://silo-1", "--server: 'http://silo-1' is given twice")]
    [InlineData("http://127.0.0.1:5001,https://127.0.0.1:5002", "--server: 'https://127.0.0.1:5002' is https:// but 'http://127.0.0.1:5001' is http://; one channel speaks TLS to every server or to none: give all http:// or all https://.")]
    public void A_bad_server_list_is_refused_naming_the_bad_part(string list, string message)
    {
        var result = Parse($"ranking --scope 30 --year 2022 --server {list}");

        Assert.Contains(result.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_server_in_the_environment_is_named_as_such()
    {
        var result = Parse("ranking --scope 30 --year 2022", new Dictionary<string, string> { ["CCHC_SERVER"] = "127.0.0.1:5000" });

        Assert.Contains(result.Errors, e => e.Message.Contains("CCHC_SERVER: '127.0.0.1:5000' is not a server address", StringComparison.Ordinal));
    }

    [Fact]
    public void Demo_defaults_to_Hai_Duong_2022_with_the_samples()
    {
        var result = Parse("demo");

        var settings = ((DemoCommand)result.CommandResult.Command).ToSettings(result, Samples.Directory);

        Assert.Empty(result.Errors);
        Assert.Equal(("30", 2022, 1, 2022), (settings.Province, settings.Year, settings.Speed, settings.Seed));
        Assert.Equal(Path.GetFullPath(Samples.Units), settings.UnitsFile);
        Assert.Equal(Path.GetFullPath(Samples.Framework), settings.FrameworkFile);
    }

    [Fact]
    public void Demo_without_samples_says_where_it_looked()
    {
        var result = Parse("demo --speed 10");

        var ex = Assert.Throws<CliInputException>(() => ((DemoCommand)result.CommandResult.Command).ToSettings(result, "/nonexistent"));

        Assert.Contains("/nonexistent", ex.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<Uri>? Servers(ParseResult result) => result.GetValue<IReadOnlyList<Uri>>("--server");

    private static ParseResult Parse(string commandLine, Dictionary<string, string>? environment = null)
    {
        var context = new CliContext
        {
            Console = new TestConsole().Console,
            Environment = name => environment is not null && environment.TryGetValue(name, out var value) ? value : null,
        };
        return CchcCli.CreateRootCommand(context).Parse(commandLine);
    }
}
