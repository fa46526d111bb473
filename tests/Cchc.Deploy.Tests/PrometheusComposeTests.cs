using Cchc.Testing;
using YamlDotNet.RepresentationModel;

namespace Cchc.Deploy.Tests;

/// <summary>deploy/compose/prometheus.yml: promtool's verdict, and that it scrapes every silo of compose.yaml.</summary>
public sealed class PrometheusComposeTests
{
    [Fact]
    public async Task Promtool_accepts_the_config_and_the_alert_rules_it_loads()
    {
        var check = await PrometheusTools.RunPromtoolAsync(["check", "config", Repo.ComposePrometheus]);

        Assert.True(check.ExitCode == 0, $"promtool check config:\n{check.Output}");
        Assert.Contains("SUCCESS: 1 rule files found", check.Output, StringComparison.Ordinal);
        Assert.Contains("deploy/prometheus/alerts.yml", check.Output.Replace("compose/../", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prometheus_scrapes_the_metrics_listener_of_every_silo_and_mounts_the_rules_where_the_config_looks()
    {
        var compose = await Compose.ResolvedAsync();
        var config = LoadConfig();

        var silos = compose.Entries("services").Where(s => s.Value.Find("environment", "CCHC_METRICS_LISTEN") is not null).ToList();
        Assert.Equal(3, silos.Count);
        var expected = silos.Select(s => $"{s.Key}:{Observability.MetricsListenAddress.Parse(s.Value.Text("environment", "CCHC_METRICS_LISTEN")).Port}");

        var job = Assert.Single(config.Items("scrape_configs"));
        Assert.Equal("cchc", job.Text("job_name"));
        Assert.Equal("/metrics", job.Text("metrics_path"));
        var targets = job.Items("static_configs").SelectMany(c => c.Texts("targets"));
        Assert.Equal(expected.Order(StringComparer.Ordinal), targets.Order(StringComparer.Ordinal));

        // The container sees the config and the rules at the same relative places as the repository does.
        var prometheus = compose.Map("services", "prometheus");
        var mounts = prometheus.Texts("volumes").Select(v => v.Split(':')).ToDictionary(v => v[1], v => v[0], StringComparer.Ordinal);
        var configInContainer = prometheus.Texts("command").Single(c => c.StartsWith("--config.file=", StringComparison.Ordinal))["--config.file=".Length..];
        Assert.Equal(Repo.ComposePrometheus, mounts[configInContainer]);
        foreach (var rules in config.Texts("rule_files"))
        {
            var inContainer = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(configInContainer)!, rules));
            var inRepo = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Repo.ComposePrometheus)!, rules));
            Assert.Equal(inRepo, mounts[inContainer]);
            Assert.True(File.Exists(inRepo), inRepo);
        }
    }

    private static YamlMappingNode LoadConfig()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Repo.ComposePrometheus)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
