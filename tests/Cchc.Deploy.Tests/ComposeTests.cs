using System.Net;
using Cchc.Server.Hosting;
using YamlDotNet.RepresentationModel;

namespace Cchc.Deploy.Tests;

/// <summary>deploy/compose/compose.yaml through docker-compose's own loader, then what must hold between its services.</summary>
public sealed class ComposeTests
{
    private static readonly string[] Silos = ["silo1", "silo2", "silo3"];

    [Fact]
    public async Task Docker_compose_accepts_the_file_with_the_secrets_given()
    {
        var result = await Compose.ConfigAsync(Compose.Secrets);

        Assert.True(result.ExitCode == 0, $"docker-compose config: {result}");
        var services = (await Compose.ResolvedAsync()).Entries("services").Keys;
        Assert.Equal(["postgres", "prometheus", .. Silos], services.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("CCHC_AUTH_KEY", "set CCHC_AUTH_KEY")]
    [InlineData("POSTGRES_PASSWORD", "set POSTGRES_PASSWORD")]
    public async Task Docker_compose_refuses_the_file_without_a_secret_and_says_which(string missing, string message)
    {
        var environment = Compose.Secrets.Where(s => s.Key != missing).ToDictionary(s => s.Key, s => s.Value);

        var result = await Compose.ConfigAsync(environment);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docker_compose_refuses_an_unknown_option()
    {
        var broken = Path.Combine(Path.GetDirectoryName(Repo.ComposeFile)!, $"broken-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(broken, File.ReadAllText(Repo.ComposeFile).Replace("stop_grace_period:", "stop_grace_periode:", StringComparison.Ordinal));

            var result = await Compose.ConfigAsync(Compose.Secrets, broken);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("Unsupported config option for services.silo1: 'stop_grace_periode'", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public async Task Each_silo_advertises_its_own_fixed_address_on_the_cluster_network()
    {
        var compose = await Compose.ResolvedAsync();
        var subnet = IPNetwork.Parse(Assert.Single(compose.Items("networks", "cluster", "ipam", "config")).Text("subnet"));

        var addresses = new List<IPAddress>();
        foreach (var silo in Silos)
        {
            var service = compose.Map("services", silo);
            var networks = service.Entries("networks");
            var ip = IPAddress.Parse(Assert.Single(networks).Value.Text("ipv4_address"));
            Assert.Equal("cluster", networks.Keys.Single());
            Assert.Equal(ip.ToString(), service.Text("environment", "CCHC_ADVERTISED_ADDRESS"));
            Assert.True(subnet.Contains(ip), $"{silo} {ip} is outside {subnet}");
            addresses.Add(ip);
        }

        var others = compose.Entries("services").Where(s => !Silos.Contains(s.Key))
            .Select(s => IPAddress.Parse(s.Value.Map("networks", "cluster").Text("ipv4_address")));
        Assert.Equal(addresses.Count + 2, addresses.Concat(others).Distinct().Count());
    }

    [Fact]
    public async Task The_silos_form_one_cluster_over_the_PostgreSQL_15_service_with_one_key()
    {
        var compose = await Compose.ResolvedAsync();
        var postgres = compose.Map("services", "postgres");
        Assert.Equal("postgres:15", postgres.Text("image"));
        Assert.Equal("pg_isready", postgres.Texts("healthcheck", "test")[1]);

        var environments = Silos.Select(s => compose.Map("services", s).Entries("environment")
            .ToDictionary(e => e.Key, e => ((YamlScalarNode)e.Value).Value ?? "", StringComparer.Ordinal)).ToList();
        foreach (var shared in new[] { "CCHC_AUTH_KEY", "CCHC_POSTGRES", "CCHC_CLUSTER_ID", "CCHC_SERVICE_ID", "CCHC_SILO_PORT", "CCHC_LISTEN", "CCHC_METRICS_LISTEN" })
        {
            Assert.Single(environments.Select(e => e[shared]).Distinct());
        }

        var environment = environments[0];
        Assert.Equal(Compose.Secrets["CCHC_AUTH_KEY"], environment["CCHC_AUTH_KEY"]);
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(environment["CCHC_POSTGRES"]);
        Assert.Equal(("postgres", 5432), (connection.Host, connection.Port));
        Assert.Equal((postgres.Text("environment", "POSTGRES_DB"), postgres.Text("environment", "POSTGRES_USER")), (connection.Database, connection.Username));
        Assert.Equal(Compose.Secrets["POSTGRES_PASSWORD"], connection.Password);

        // A fixed silo port: a restarted silo on the same address and port retires its dead predecessor at once.
        Assert.InRange(int.Parse(environment["CCHC_SILO_PORT"], System.Globalization.CultureInfo.InvariantCulture), 1, 65535);
        Assert.All(environments.SelectMany(e => e.Keys).Distinct(),
            v => Assert.True(ServerSettings.Knows(v), $"{v} is not a setting of cchc-server (see cchc-server --help)"));
    }

    [Fact]
    public async Task Silos_start_once_PostgreSQL_is_healthy_and_report_health_from_gRPC_on_their_listen_port()
    {
        var compose = await Compose.ResolvedAsync();
        var dockerfile = Dockerfile.Load();
        foreach (var silo in Silos)
        {
            var service = compose.Map("services", silo);
            Assert.Equal("service_healthy", service.Text("depends_on", "postgres", "condition"));
            Assert.Equal("deploy/Dockerfile", service.Text("build", "dockerfile"));
            Assert.Equal(Repo.Root, service.Text("build", "context"));

            var listen = ServerConfiguration.ParseListen(service.Text("environment", "CCHC_LISTEN"));
            Assert.Equal("0.0.0.0", listen.Host);
            Assert.Equal("0.0.0.0", Observability.MetricsListenAddress.Parse(service.Text("environment", "CCHC_METRICS_LISTEN")).Address.ToString());
            var test = service.Texts("healthcheck", "test");
            Assert.Equal(["CMD", "grpc_health_probe", $"-addr=127.0.0.1:{listen.Port}"], test.Take(3));
            Assert.Contains(dockerfile.Final.All("COPY"), c => c.EndsWith("/usr/local/bin/grpc_health_probe", StringComparison.Ordinal));

            // Published gRPC ports on the host's loopback only, one per silo.
            var published = Assert.Single(service.Texts("ports"));
            Assert.StartsWith("127.0.0.1:", published, StringComparison.Ordinal);
            Assert.EndsWith($":{listen.Port}/tcp", published, StringComparison.Ordinal);

            // Compose waits longer than the server's graceful leave before it kills.
            var grace = TimeSpan.FromSeconds(int.Parse(service.Text("stop_grace_period").TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(grace >= ServerSettings.ShutdownTimeout + TimeSpan.FromSeconds(15), $"{silo} stop_grace_period {grace}");
        }

        var image = Assert.Single(Silos.Select(s => compose.Text("services", s, "image")).Distinct());
        Assert.Equal(Manifests.Load().Silo.Image, image);
    }
}
