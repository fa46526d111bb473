using Cchc.Server.Hosting;
using k8s.Models;
using Orleans.Hosting.Kubernetes;

namespace Cchc.Deploy.Tests;

/// <summary>What holds between the manifests, the server and the Orleans hosting package: no schema checks these.</summary>
public sealed class KubernetesClusterTests
{
    private readonly Manifests _manifests = Manifests.Load();

    private IDictionary<string, string> PodLabels => _manifests.Deployment.Spec.Template.Metadata.Labels;

    private V1EnvVar Env(string name) => Assert.Single(_manifests.Silo.Env, e => e.Name == name);

    private int GrpcPort => ServerConfiguration.ParseListen(Env("CCHC_LISTEN").Value, "CCHC_LISTEN").Port;

    [Fact]
    public void Every_probe_asks_gRPC_health_on_the_port_the_server_listens_on()
    {
        var container = _manifests.Silo;
        Assert.Equal("0.0.0.0", ServerConfiguration.ParseListen(Env("CCHC_LISTEN").Value).Host);
        Assert.Equal(GrpcPort, Assert.Single(container.Ports, p => p.Name == "grpc").ContainerPort);
        foreach (var probe in new[] { container.StartupProbe, container.ReadinessProbe, container.LivenessProbe })
        {
            Assert.NotNull(probe?.Grpc);
            Assert.Equal(GrpcPort, probe.Grpc.Port);

            // "" (or null) is the server as a whole, which the health service maps to every check.
            Assert.True(string.IsNullOrEmpty(probe.Grpc.Service), $"probe service {probe.Grpc.Service}");
            Assert.Null(probe.HttpGet);
            Assert.Null(probe.TcpSocket);
            Assert.Null(probe.Exec);
        }

        // A live silo is restarted only after readiness has long taken it out of the Service.
        var readiness = container.ReadinessProbe;
        var liveness = container.LivenessProbe;
        Assert.True(liveness.PeriodSeconds * liveness.FailureThreshold > 4 * readiness.PeriodSeconds * readiness.FailureThreshold);
    }

    [Fact]
    public void Services_send_gRPC_and_metrics_to_the_ports_the_server_listens_on()
    {
        var container = _manifests.Silo;
        var metricsPort = MetricsPort();
        Assert.Equal(metricsPort, Assert.Single(container.Ports, p => p.Name == "metrics").ContainerPort);
        Assert.NotEmpty(_manifests.Services);
        foreach (var service in _manifests.Services)
        {
            Assert.Subset(PodLabels.ToHashSet(), service.Spec.Selector.ToHashSet());
            var grpc = Assert.Single(service.Spec.Ports, p => p.Name == "grpc");
            Assert.Equal(GrpcPort, TargetPort(container, grpc.TargetPort));
            Assert.Equal("kubernetes.io/h2c", grpc.AppProtocol);
            foreach (var port in service.Spec.Ports.Where(p => p.Name != "grpc"))
            {
                Assert.Equal(("metrics", metricsPort), (port.Name, TargetPort(container, port.TargetPort)));
            }
        }

        var headless = Assert.Single(_manifests.Services, s => s.Spec.ClusterIP == "None");
        Assert.Contains(headless.Spec.Ports, p => p.Name == "metrics");
    }

    [Fact]
    public void The_disruption_budget_and_the_deployment_select_exactly_the_silo_pods()
    {
        var deployment = _manifests.Deployment;
        var pdb = _manifests.DisruptionBudget;

        Assert.Subset(PodLabels.ToHashSet(), deployment.Spec.Selector.MatchLabels.ToHashSet());
        Assert.Null(deployment.Spec.Selector.MatchExpressions);
        Assert.Equal(deployment.Spec.Selector.MatchLabels.ToHashSet(), pdb.Spec.Selector.MatchLabels.ToHashSet());
        Assert.Null(pdb.Spec.Selector.MatchExpressions);

        // One silo may go at a time, and a drain can always proceed: the budget is less than the silos.
        Assert.Null(pdb.Spec.MinAvailable);
        Assert.Equal("1", Convert.ToString(pdb.Spec.MaxUnavailable.Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(deployment.Spec.Replicas >= 3);

        // A rollout never takes a silo away before its replacement is ready.
        Assert.Equal("0", Convert.ToString(deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Pods_carry_what_the_Orleans_Kubernetes_hosting_package_reads_and_the_server_agrees_with_it()
    {
        var serviceIdPath = $"metadata.labels['{KubernetesHostingOptions.ServiceIdLabel}']";
        var clusterIdPath = $"metadata.labels['{KubernetesHostingOptions.ClusterIdLabel}']";
        Assert.Equal("cchc", PodLabels[KubernetesHostingOptions.ServiceIdLabel]);
        Assert.Equal("cchc", PodLabels[KubernetesHostingOptions.ClusterIdLabel]);

        Assert.Equal("metadata.name", FieldPath(KubernetesHostingOptions.PodNameEnvironmentVariable));
        Assert.Equal("metadata.namespace", FieldPath(KubernetesHostingOptions.PodNamespaceEnvironmentVariable));
        Assert.Equal("status.podIP", FieldPath(KubernetesHostingOptions.PodIPEnvironmentVariable));
        Assert.Equal(serviceIdPath, FieldPath(KubernetesHostingOptions.ServiceIdEnvironmentVariable));
        Assert.Equal(clusterIdPath, FieldPath(KubernetesHostingOptions.ClusterIdEnvironmentVariable));

        // cchc-server's own settings come from the same places, so the two never disagree on ids or address.
        Assert.Equal("on", Env("CCHC_KUBERNETES").Value);
        Assert.Equal(serviceIdPath, FieldPath("CCHC_SERVICE_ID"));
        Assert.Equal(clusterIdPath, FieldPath("CCHC_CLUSTER_ID"));
        Assert.Equal("status.podIP", FieldPath("CCHC_ADVERTISED_ADDRESS"));

        // A fixed silo port, declared on the container, apart from the gRPC and metrics ports.
        var siloPort = int.Parse(Env("CCHC_SILO_PORT").Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(siloPort, Assert.Single(_manifests.Silo.Ports, p => p.Name == "silo").ContainerPort);
        Assert.Equal(3, new[] { siloPort, GrpcPort, MetricsPort() }.Distinct().Count());
    }

    [Fact]
    public void Every_CCHC_variable_is_one_the_server_knows()
    {
        var variables = _manifests.Silo.Env.Select(e => e.Name).Where(n => n.StartsWith("CCHC_", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(variables);
        Assert.All(variables, v => Assert.True(ServerSettings.Knows(v), $"{v} is not a setting of cchc-server (see cchc-server --help)"));
        Assert.Equal(variables.Count, variables.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_role_grants_exactly_the_API_calls_the_Orleans_hosting_package_makes()
    {
        var calls = OrleansKubernetesCalls.Read();
        Assert.Contains(calls, c => c.Method == "ReadNamespacedPodAsync");

        // Deleting pods is gated by DeleteDefunctSiloPods, off by default and never turned on by cchc-server.
        Assert.False(new KubernetesHostingOptions().DeleteDefunctSiloPods);
        var server = Path.Combine(Repo.Root, "src", "Cchc.Server");
        Assert.DoesNotContain(Directory.EnumerateFiles(server, "*.cs", SearchOption.AllDirectories),
            f => File.ReadAllText(f).Contains(nameof(KubernetesHostingOptions.DeleteDefunctSiloPods), StringComparison.Ordinal));
        var needed = calls.Where(c => c.Verb != "delete").Select(c => (c.Resource, c.Verb)).ToHashSet();

        var rules = _manifests.Role.Rules;
        Assert.All(rules, r => Assert.Equal([""], r.ApiGroups));
        Assert.All(rules, r => Assert.Null(r.ResourceNames));
        var granted = rules.SelectMany(r => r.Resources.SelectMany(resource => r.Verbs.Select(verb => (resource, verb)))).ToHashSet();
        Assert.Equal(needed.Order(), granted.Order());
        Assert.Equal(
            [("pods", "get"), ("pods", "list"), ("pods", "patch"), ("pods", "watch")],
            granted.Order());
    }

    [Fact]
    public void The_pods_run_as_the_service_account_the_role_is_bound_to()
    {
        var spec = _manifests.Deployment.Spec.Template.Spec;
        var binding = _manifests.RoleBinding;

        Assert.Equal(_manifests.ServiceAccount.Metadata.Name, spec.ServiceAccountName);
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(("ServiceAccount", spec.ServiceAccountName), (subject.Kind, subject.Name));
        Assert.Null(subject.NamespaceProperty);
        Assert.Equal(("rbac.authorization.k8s.io", "Role", _manifests.Role.Metadata.Name), (binding.RoleRef.ApiGroup, binding.RoleRef.Kind, binding.RoleRef.Name));

        // The hosting package uses the in-cluster configuration: the account's token must be mounted.
        Assert.NotEqual(false, spec.AutomountServiceAccountToken);
        Assert.NotEqual(false, _manifests.ServiceAccount.AutomountServiceAccountToken);
    }

    [Fact]
    public void Kubernetes_waits_longer_than_the_server_takes_to_leave_the_cluster()
    {
        var grace = TimeSpan.FromSeconds(_manifests.Deployment.Spec.Template.Spec.TerminationGracePeriodSeconds!.Value);

        Assert.True(grace > ServerSettings.ShutdownTimeout, $"terminationGracePeriodSeconds {grace} <= shutdown timeout {ServerSettings.ShutdownTimeout}");
        Assert.True(grace >= ServerSettings.ShutdownTimeout + TimeSpan.FromSeconds(15), "leave room for the silo to leave the membership table after the drain");
    }

    [Fact]
    public void The_silo_runs_unprivileged_as_the_images_user_with_bounded_resources()
    {
        var pod = _manifests.Deployment.Spec.Template.Spec.SecurityContext;
        var container = _manifests.Silo;

        Assert.True(pod.RunAsNonRoot);
        Assert.Equal(Dockerfile.Load().FinalUser, pod.RunAsUser?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        foreach (var resource in new[] { "cpu", "memory" })
        {
            Assert.True(container.Resources.Requests.ContainsKey(resource), $"no {resource} request");
            Assert.True(container.Resources.Limits.ContainsKey(resource), $"no {resource} limit");
            Assert.True(container.Resources.Requests[resource].ToDecimal() <= container.Resources.Limits[resource].ToDecimal());
        }

        // Every path the read-only root filesystem would refuse and the server writes to is a volume.
        var mounts = container.VolumeMounts.Select(m => m.MountPath).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("/tmp", mounts);
        Assert.Contains(Dockerfile.Load().Environment["CCHC_DATA_DIR"], mounts);
    }

    private string FieldPath(string variable) => Env(variable).ValueFrom?.FieldRef?.FieldPath
        ?? throw new Xunit.Sdk.XunitException($"{variable} does not come from a fieldRef.");

    private int MetricsPort() => Observability.MetricsListenAddress.Parse(Env("CCHC_METRICS_LISTEN").Value).Port;

    private static int TargetPort(V1Container container, IntOrString target) =>
        int.TryParse(target.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : Assert.Single(container.Ports, p => p.Name == target.Value).ContainerPort;
}
