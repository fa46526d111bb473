using System.Runtime.Versioning;
using Cchc.Cli.Commands;
using Cchc.Security;
using Cchc.Security.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace Cchc.Cli.Tests;

/// <summary><c>cchc token</c>: what it prints is checked by the server's own validator, with the key it was given or found.</summary>
public sealed class TokenCommandTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "cchc-cli-token-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task A_province_admin_token_from_a_key_is_valid_for_its_lifetime_and_no_longer()
    {
        var key = SigningKey.Generate();

        var (code, output) = await RunAsync($"token --role province-admin --province 30 --lifetime 8h --key {key}");

        Assert.Equal(ExitCodes.Success, code);
        var token = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var clock = new FakeTimeProvider(Now);
        var validator = new CchcTokenValidator(new CchcTokenOptions { SigningKeys = [key] }, clock);
        var outcome = await validator.ValidateTokenAsync(token);
        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal(("dev-province-admin-30", CchcRole.ProvinceAdmin, "30"), (outcome.Principal.Subject, outcome.Principal.Role, outcome.Principal.ProvinceCode));
        clock.Advance(TimeSpan.FromHours(8));
        Assert.True((await validator.ValidateTokenAsync(token)).Succeeded);
        clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(TokenFailure.Expired, (await validator.ValidateTokenAsync(token)).Failure);
    }

    [Fact]
    public async Task A_token_from_the_data_directory_is_signed_with_the_servers_own_key()
    {
        var key = SigningKeyFile.LoadOrCreate(_dataDir, out _);

        var (code, output) = await RunAsync($"token --role appraiser --province 30 --district 298 --commune 11116 --data-dir {_dataDir}");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("A appraiser has no commune scope", output, StringComparison.Ordinal);

        (code, output) = await RunAsync($"token --role appraiser --province 30 --district 298 --subject hdtd.tuky --name \"Hội đồng thẩm định Tứ Kỳ\" --data-dir {_dataDir}");
        Assert.Equal(ExitCodes.Success, code);
        var outcome = await new CchcTokenValidator(new CchcTokenOptions { SigningKeys = [key] }, new FakeTimeProvider(Now)).ValidateTokenAsync(output.Trim());
        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal("hdtd.tuky (appraiser of district 298)", outcome.Principal.AuditName);
        Assert.Equal("Hội đồng thẩm định Tứ Kỳ", outcome.Principal.Name);
        var forged = await new CchcTokenValidator(new CchcTokenOptions { SigningKeys = [SigningKey.Generate()] }, new FakeTimeProvider(Now)).ValidateTokenAsync(output.Trim());
        Assert.Equal(TokenFailure.BadSignature, forged.Failure);
    }

    [UnsupportedOSPlatform("windows")]
    [Fact]
    public async Task A_key_file_others_may_read_is_refused_with_the_chmod_that_fixes_it()
    {
        SigningKeyFile.LoadOrCreate(_dataDir, out _);
        var path = Path.Combine(_dataDir, SigningKeyFile.FileName);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (code, output) = await RunAsync($"token --role viewer --province 30 --data-dir {_dataDir}");

        Assert.Equal(ExitCodes.BadInput, code);
        var flat = string.Join(' ', output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"The signing key file {path} is open to other users (mode 0644)", flat, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {path}", flat, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_directory_without_a_key_is_refused_and_left_alone()
    {
        var (code, output) = await RunAsync($"token --role viewer --province 30 --data-dir {_dataDir}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"There is no signing key at {Path.Combine(_dataDir, SigningKeyFile.FileName)}", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dataDir));
    }

    [Theory]
    [InlineData("token --role mayor --province 30 --key k", "--role: 'mayor' is not a role; use one of commune-officer, appraiser, province-admin, viewer, national-viewer")]
    [InlineData("token --role viewer --province 30 --lifetime 8x --key k", "--lifetime: '8x' is not a lifetime")]
    [InlineData("token --role viewer --province 30 --lifetime 400d --key k", "--lifetime: '400d' is not a lifetime")]
    [InlineData("token --role viewer --province 30", "Give --key BASE64")]
    [InlineData("token --role viewer --province 30 --key k --data-dir d", "Give --key BASE64")]
    [InlineData("token --role viewer --province 3 --key k", "--province: '3' is not a unit code")]
    public async Task Bad_options_are_refused_before_anything_is_signed(string commandLine, string message)
    {
        var (code, output) = await RunAsync(commandLine);

        Assert.NotEqual(ExitCodes.Success, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("token --role commune-officer --province 30 --key {key}", "A commune_officer needs a 5-digit commune code")]
    [InlineData("token --role national-viewer --province 30 --key {key}", "A national_viewer has no province scope")]
    [InlineData("token --role viewer --province 30 --key c2hvcnQ=", "--key is 5 bytes; an HMAC-SHA256 key must be at least 32 random bytes")]
    public async Task A_scope_that_does_not_fit_the_role_or_a_weak_key_is_bad_input(string commandLine, string message)
    {
        var (code, output) = await RunAsync(commandLine.Replace("{key}", SigningKey.Generate(), StringComparison.Ordinal));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> RunAsync(string commandLine)
    {
        var console = new TestConsole();
        var context = new CliContext { Console = console.Console, Environment = _ => null, Time = new FakeTimeProvider(Now) };
        var result = CchcCli.CreateRootCommand(context).Parse(commandLine);
        if (result.Errors.Count > 0)
        {
            return (ExitCodes.BadInput, string.Join('\n', result.Errors.Select(e => e.Message)));
        }

        var code = await result.InvokeAsync();
        return (code, console.Output);
    }
}
