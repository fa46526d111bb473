using Cchc.Server.Hosting;

namespace Cchc.Server.Tests;

/// <summary>The cluster settings as an operator gives them: flags over CCHC_* variables, and refusals that say what to do.</summary>
public sealed class ClusterConfigurationTests
{
    private const string Postgres = "Host=127.0.0.1;Port=5432;Username=cchc;Database=cchc";
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    [Fact]
    public void Cluster_settings_come_from_flags_and_variables()
    {
        var environment = new Dictionary<string, string?>
        {
            ["CCHC_POSTGRES"] = Postgres,
            ["CCHC_CLUSTER_ID"] = "cchc-prod",
            ["CCHC_SERVICE_ID"] = "cchc",
            ["CCHC_SILO_PORT"] = "11111",
            ["CCHC_GATEWAY_PORT"] = "30000",
            ["CCHC_ADVERTISED_ADDRESS"] = "10.0.0.5",
            ["CCHC_DASHBOARD"] = "on",
        };
        var options = ServerConfiguration.Read(["--cluster-id", "cchc-test", "--kubernetes", "on"], environment, AppContext.BaseDirectory);

        Assert.Equal("cchc-test", options.ClusterId);
        Assert.Equal("cchc", options.ServiceId);
        Assert.Equal(11111, options.SiloPort);
        Assert.Equal(30000, options.GatewayPort);
        Assert.Equal("10.0.0.5", options.AdvertisedAddress);
        Assert.True(options.Dashboard);
        Assert.True(options.Kubernetes);
        Assert.Equal(Postgres, options.PostgresConnectionString);
    }

    [Fact]
    public void A_kubernetes_pod_advertises_its_pod_ip_unless_given_an_address()
    {
        var environment = new Dictionary<string, string?> { ["CCHC_POSTGRES"] = Postgres, ["CCHC_KUBERNETES"] = "on", ["POD_IP"] = "10.244.1.7" };
        Assert.Equal("10.244.1.7", ServerConfiguration.Read([], environment, AppContext.BaseDirectory).AdvertisedAddress);
        Assert.Equal("10.0.0.5", ServerConfiguration.Read(["--advertised-address", "10.0.0.5"], environment, AppContext.BaseDirectory).AdvertisedAddress);
        environment["CCHC_KUBERNETES"] = "off";
        Assert.Equal("127.0.0.1", ServerConfiguration.Read([], environment, AppContext.BaseDirectory).AdvertisedAddress);
    }

    [Fact]
    public void The_defaults_are_a_single_sqlite_node_on_loopback()
    {
        var options = ServerConfiguration.Read([], NoEnvironment, AppContext.BaseDirectory);
        Assert.Equal(("cchc", "cchc", "127.0.0.1", 0, 0), (options.ClusterId, options.ServiceId, options.AdvertisedAddress, options.SiloPort, options.GatewayPort));
        Assert.False(options.Dashboard);
        Assert.False(options.Kubernetes);
        Assert.Null(options.PostgresConnectionString);
    }

    [Theory]
    [InlineData(new[] { "--advertised-address", "cchc-1" }, "--advertised-address: 'cchc-1' is not an IP address other silos can reach")]
    [InlineData(new[] { "--advertised-address", "0.0.0.0" }, "is not an IP address other silos can reach")]
    [InlineData(new[] { "--advertised-address", "10.0.0.5" }, "--advertised-address 10.0.0.5 is for a cluster, and a cluster needs PostgreSQL")]
    [InlineData(new[] { "--kubernetes", "on" }, "--kubernetes on is for a cluster, and a cluster needs PostgreSQL")]
    [InlineData(new[] { "--cluster-id", "a b" }, "--cluster-id: 'a b' is not an id")]
    [InlineData(new[] { "--dashboard", "yes" }, "--dashboard: 'yes' is not on or off")]
    [InlineData(new[] { "--gateway-port", "5000" }, "--gateway-port 5000 is also the --listen port")]
    [InlineData(new[] { "--gateway-port", "9464" }, "--gateway-port 9464 is also the --metrics-listen port")]
    [InlineData(new[] { "--silo-port", "30000", "--gateway-port", "30000" }, "--gateway-port 30000 is also the --silo-port port")]
    [InlineData(new[] { "--dashboard", "on", "--metrics-listen", "off" }, "--dashboard on is served on the metrics listener")]
    [InlineData(new[] { "--dashboard", "on", "--insecure-no-auth" }, "--dashboard on needs authentication")]
    public void Unusable_cluster_settings_are_refused_with_what_to_do(string[] args, string message)
    {
        var refused = Assert.Throws<ServerConfigurationException>(() => ServerConfiguration.Read(args, NoEnvironment, AppContext.BaseDirectory));
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }
}
