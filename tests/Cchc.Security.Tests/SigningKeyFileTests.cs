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
        }
    }

    [Fact]
    public void Generated_keys_differ()
    {
        Assert.NotEqual(SigningKey.Generate(), SigningKey.Generate());
    }

    [Fact]
    public void A_damaged_key_file_is_refused_not_replaced()
    {
        Directory.CreateDirectory(_directory);
        string path = Path.Combine(_directory, SigningKeyFile.FileName);
        File.WriteAllText(path, "c2hvcnQ=");

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
