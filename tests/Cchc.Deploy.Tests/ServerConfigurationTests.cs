using Cchc.Server.Hosting;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace Cchc.Deploy.Tests;

/// <summary>
/// cchc-server's own configuration reader, given the environment each deployment starts it with: what it accepts
/// and what it makes of it. Values Kubernetes fills in at run time are given sample values of the same kind.
/// </summary>
public sealed class ServerConfigurationTests
{
    private const string SamplePodIp = "10.244.1.17";

    [Fact]
    public async Task Each_compose_silo_starts_as_a_cluster_member_on_its_own_address()
    {
        var compose = await Compose.ResolvedAsync();
        foreach (var silo in new[] { "silo1", "silo2", "silo3" })
        {
            var service = compose.Map("services", silo);
            var environment = service.Entries("environment").ToDictionary(e => e.Key, e => ((YamlScalarNode)e.Value).Value, StringComparer.Ordinal);

            var options = Read(environment);

            Assert.Equal(("0.0.0.0", 5000), (options.Host, options.Port));
            Assert.Equal("0.0.0.0:9464", options.MetricsListen);
            Assert.Equal(service.Map("networks", "cluster").Text("ipv4_address"), options.AdvertisedAddress);
            Assert.Equal(11111, options.SiloPort);
            Assert.Equal(("cchc", "cchc"), (options.ClusterId, options.ServiceId));
            Assert.NotNull(options.PostgresConnectionString);
            Assert.False(options.Kubernetes);
            Assert.False(options.InsecureNoAuth);
            Assert.Equal(Compose.Secrets["CCHC_AUTH_KEY"], Assert.Single(options.Security.Tokens.SigningKeys));
        }
    }

    [Fact]
    public void The_Kubernetes_pod_starts_as_a_cluster_member_on_its_pod_IP_with_Kubernetes_hosting()
    {
        var manifests = Manifests.Load();
        var labels = manifests.Deployment.Spec.Template.Metadata.Labels;
        var environment = manifests.Silo.Env.ToDictionary(e => e.Name, e => Resolve(e, labels), StringComparer.Ordinal);

        var options = Read(environment);

        Assert.True(options.Kubernetes);
        Assert.Equal(SamplePodIp, options.AdvertisedAddress);
        Assert.Equal(("0.0.0.0", 5000), (options.Host, options.Port));
        Assert.Equal(11111, options.SiloPort);
        Assert.Equal((labels["orleans/clusterId"], labels["orleans/serviceId"]), (options.ClusterId, options.ServiceId));
        Assert.NotNull(options.PostgresConnectionString);
        Assert.False(options.InsecureNoAuth);
    }

    [Fact]
    public void The_images_defaults_with_a_key_and_a_database_make_a_server_listening_in_its_network()
    {
        var environment = Dockerfile.Load().Environment.ToDictionary(e => e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        environment["CCHC_AUTH_KEY"] = Compose.Secrets["CCHC_AUTH_KEY"];
        environment["CCHC_POSTGRES"] = "Host=db;Database=cchc;Username=cchc;Password=x";

        var options = Read(environment);

        Assert.Equal(("0.0.0.0", 5000, 11111), (options.Host, options.Port, options.SiloPort));
        Assert.Equal("/var/lib/cchc", options.DataDirectory);
    }

    private static ServerOptions Read(IReadOnlyDictionary<string, string?> environment)
    {
        // An empty directory stands for the image's /app: no appsettings.json overrides the environment here.
        var app = Directory.CreateTempSubdirectory("cchc-deploy-app-");
        try
        {
            return ServerConfiguration.Read([], environment, app.FullName);
        }
        finally
        {
            app.Delete(recursive: true);
        }
    }

    private static string? Resolve(V1EnvVar variable, IDictionary<string, string> labels)
    {
        if (variable.ValueFrom is null)
        {
            return variable.Value;
        }

        if (variable.ValueFrom.SecretKeyRef is { } secret)
        {
            return secret.Key switch
            {
                "auth-key" => Compose.Secrets["CCHC_AUTH_KEY"],
                "postgres" => "Host=postgres.db;Database=cchc;Username=cchc;Password=x",
                _ => throw new InvalidOperationException($"deploy/README.md creates no Secret key {secret.Key}."),
            };
        }

        var path = variable.ValueFrom.FieldRef.FieldPath;
        return path switch
        {
            "metadata.name" => "cchc-server-7d9f8c6b5-x2k4q",
            "metadata.namespace" => "cchc",
            "status.podIP" => SamplePodIp,
            _ when path.StartsWith("metadata.labels['", StringComparison.Ordinal) => labels[path["metadata.labels['".Length..^2]],
            _ => throw new InvalidOperationException($"{variable.Name}: no sample for fieldRef {path}."),
        };
    }
}
