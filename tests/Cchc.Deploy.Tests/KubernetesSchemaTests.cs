using k8s;
using YamlDotNet.Core;

namespace Cchc.Deploy.Tests;

/// <summary>
/// deploy/kubernetes against the Kubernetes API's own schemas: kubernetes-models (the OpenAPI definitions compiled to
/// validators: types, int32 ports, required fields) and KubernetesClient's strict models (no unknown field).
/// </summary>
public sealed class KubernetesSchemaTests
{
    private static readonly string[] ExpectedObjects =
    [
        "apps/v1 Deployment cchc-server",
        "policy/v1 PodDisruptionBudget cchc-server",
        "rbac.authorization.k8s.io/v1 Role cchc-server",
        "rbac.authorization.k8s.io/v1 RoleBinding cchc-server",
        "v1 Service cchc-server",
        "v1 Service cchc-server-pods",
        "v1 ServiceAccount cchc-server",
    ];

    [Fact]
    public async Task Every_manifest_passes_the_Kubernetes_OpenAPI_schema()
    {
        var (result, reports) = await NodeValidator.RunAsync("validate-kubernetes.mjs", Repo.KubernetesManifests);

        Assert.True(result.ExitCode == 0, $"kubernetes-models refused a manifest: {result}");
        Assert.All(reports, r => Assert.Equal(0, r.GetProperty("errors").GetArrayLength()));
        var objects = reports.Select(r => $"{r.GetProperty("apiVersion").GetString()} {r.GetProperty("kind").GetString()} {r.GetProperty("name").GetString()}");
        Assert.Equal(ExpectedObjects, objects.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_schema_validator_refuses_a_named_probe_port_a_container_without_a_name_and_an_unknown_kind()
    {
        var dir = Directory.CreateTempSubdirectory("cchc-deploy-");
        try
        {
            var broken = File.ReadAllText(Path.Combine(Repo.Kubernetes, "deployment.yaml"))
                .Replace("grpc:\n              port: 5000", "grpc:\n              port: grpc", StringComparison.Ordinal)
                .Replace("- name: cchc-server\n          image:", "- image:", StringComparison.Ordinal);
            var deployment = Path.Combine(dir.FullName, "deployment.yaml");
            File.WriteAllText(deployment, broken);
            var unknown = Path.Combine(dir.FullName, "unknown.yaml");
            File.WriteAllText(unknown, "apiVersion: v1\nkind: Silo\nmetadata:\n  name: x\n");

            var (result, reports) = await NodeValidator.RunAsync("validate-kubernetes.mjs", [deployment, unknown]);

            Assert.Equal(1, result.ExitCode);
            var errors = string.Join('\n', reports.SelectMany(r => r.GetProperty("errors").EnumerateArray().Select(e => e.GetString())));
            Assert.Contains("startupProbe/grpc/port must be integer", errors, StringComparison.Ordinal);
            Assert.Contains("readinessProbe/grpc/port must be integer", errors, StringComparison.Ordinal);
            Assert.Contains("containers/0 must have required property name", errors, StringComparison.Ordinal);
            Assert.Contains("no Kubernetes schema for apiVersion v1 kind Silo", errors, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Every_manifest_loads_into_the_strict_typed_models_of_KubernetesClient()
    {
        var manifests = Manifests.Load();

        Assert.Equal(ExpectedObjects.Length, manifests.Objects.Count);
        Assert.Equal("cchc-server", manifests.Deployment.Metadata.Name);
    }

    [Fact]
    public void The_strict_models_refuse_a_misspelt_field_that_the_schema_alone_would_let_through()
    {
        var misspelt = File.ReadAllText(Path.Combine(Repo.Kubernetes, "deployment.yaml"))
            .Replace("readinessProbe:", "readinesProbe:", StringComparison.Ordinal);

        var e = Assert.ThrowsAny<YamlException>(() => KubernetesYaml.LoadAllFromString(misspelt, typeMap: null, strict: true));
        Assert.Contains("readinesProbe", e.Message + e.InnerException?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_secret_value_is_committed_the_key_and_the_connection_string_come_from_a_Secret_reference()
    {
        var manifests = Manifests.Load();

        Assert.DoesNotContain(manifests.Objects, o => o.Object is k8s.Models.V1Secret);
        foreach (var name in new[] { "CCHC_AUTH_KEY", "CCHC_POSTGRES" })
        {
            var variable = Assert.Single(manifests.Silo.Env, e => e.Name == name);
            Assert.Null(variable.Value);
            Assert.Equal("cchc-server", variable.ValueFrom.SecretKeyRef.Name);
            Assert.NotEqual(true, variable.ValueFrom.SecretKeyRef.Optional);
        }

        // deploy/README.md creates the Secret with exactly these keys.
        var readme = File.ReadAllText(Path.Combine(Repo.Deploy, "README.md"));
        Assert.Contains("kubectl create secret generic cchc-server", readme, StringComparison.Ordinal);
        foreach (var key in manifests.Silo.Env.Where(e => e.ValueFrom?.SecretKeyRef is not null).Select(e => e.ValueFrom.SecretKeyRef.Key))
        {
            Assert.Contains($"--from-literal={key}=", readme, StringComparison.Ordinal);
        }
    }
}
