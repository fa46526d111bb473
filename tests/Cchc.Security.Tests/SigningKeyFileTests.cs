using System.Runtime.Versioning;
using Cchc.Security.Tokens;

namespace Cchc.Security.Tests;

/// <summary>The data directory's own key: made once, kept, readable only by its owner.</summary>
public sealed class SigningKeyFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cchc-key-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void The_first_start_makes_a_key_and_later_starts_read_the_same_one()
    {
        string first = SigningKeyFile.LoadOrCreate(_directory, out bool created);
        string second = SigningKeyFile.LoadOrCreate(_directory, out bool createdAgain);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first, second);
        Assert.Equal(SigningKey.MinimumBytes, Convert.FromBase64String(first).Length);
        Assert.Single(Directory.GetFiles(_directory));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, SigningKeyFile.FileName)));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_directory));
        }
    }

    [UnsupportedOSPlatform("windows")]
    [Theory]
    [InlineData(UnixFileMode.GroupRead, "0640")]
    [InlineData(UnixFileMode.OtherRead, "0604")]
    [InlineData(UnixFileMode.GroupWrite, "0620")]
    [InlineData(UnixFileMode.OtherWrite | UnixFileMode.OtherExecute, "0603")]
    public void A_key_file_open_to_others_is_refused_with_the_chmod_that_fixes_it(UnixFileMode extra, string shown)
    {
        string key = SigningKeyFile.LoadOrCreate(_directory, out _);
        string path = Path.Combine(_directory, SigningKeyFile.FileName);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);

        var error = Assert.Throws<SecurityConfigurationException>(() => SigningKeyFile.LoadOrCreate(_directory, out _));

        Assert.Equal(
            $"The signing key file {path} is open to other users (mode {shown}): whoever reads it can sign tokens for any role. " +
            $"Make it private with `chmod 600 {path}` (and replace the key if others may have read it), then start again.",
            error.Message);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal(key, SigningKeyFile.LoadOrCreate(_directory, out _)); // fixed as told, it starts with the same key
    }

    [UnsupportedOSPlatform("windows")]
    [Fact]
    public void An_existing_data_directory_keeps_its_mode()
    {
        Directory.CreateDirectory(_directory);
        var shared = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
        File.SetUnixFileMode(_directory, shared);

        SigningKeyFile.LoadOrCreate(_directory, out _);

        Assert.Equal(shared, File.GetUnixFileMode(_directory));
    }

    [Fact]
    public void Generated_keys_differ()
    {
        Assert.NotEqual(SigningKey.Generate(), SigningKey.Generate());
    }

    [UnsupportedOSPlatform("windows")]
    [Fact]
    public void A_damaged_key_file_is_refused_not_replaced()
    {
        Directory.CreateDirectory(_directory);
        string path = Path.Combine(_directory, SigningKeyFile.FileName);
        File.WriteAllText(path, "c2hvcnQ=");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var error = Assert.Throws<SecurityConfigurationException>(() => SigningKeyFile.LoadOrCreate(_directory, out _));

        Assert.Contains("is 5 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal("c2hvcnQ=", File.ReadAllText(path));
    }

    [Fact]
    public async Task A_token_signed_with_the_data_directory_key_validates_after_a_restart()
    {
        var options = TestKeys.Options(SigningKeyFile.LoadOrCreate(_directory, out _));
        string token = new DevelopmentTokenIssuer(options).Issue(CchcPrincipal.NationalViewer("dev"), TimeSpan.FromHours(1));

        var restarted = TestKeys.Options(SigningKeyFile.LoadOrCreate(_directory, out _));

        Assert.True((await new CchcTokenValidator(restarted).ValidateTokenAsync(token)).Succeeded);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
