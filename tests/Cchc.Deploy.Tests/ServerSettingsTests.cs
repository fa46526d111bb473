namespace Cchc.Deploy.Tests;

/// <summary>The list of server settings the other tests hold deploy/ to is the server's own.</summary>
public sealed class ServerSettingsTests
{
    [Fact]
    public void The_settings_are_read_from_the_servers_help()
    {
        Assert.Contains("CCHC_LISTEN", ServerSettings.Listed);
        Assert.Contains("CCHC_METRICS_LISTEN", ServerSettings.Listed);
        Assert.Contains("CCHC_POSTGRES", ServerSettings.Listed);
        Assert.Contains("CCHC_AUTH_KEY", ServerSettings.Listed);
        Assert.Contains("CCHC_ADVERTISED_ADDRESS", ServerSettings.Listed);
        Assert.Contains("CCHC_KUBERNETES", ServerSettings.Listed);
        Assert.False(ServerSettings.Knows("CCHC_LISTEN_ADDRESS"));
    }
}
