namespace Cchc.Deploy.Tests;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Deploy => Path.Combine(Root, "deploy");

    public static string Dockerfile => Path.Combine(Deploy, "Dockerfile");

    public static string ComposeFile => Path.Combine(Deploy, "compose", "compose.yaml");

    public static string ComposePrometheus => Path.Combine(Deploy, "compose", "prometheus.yml");

    public static string Kubernetes => Path.Combine(Deploy, "kubernetes");

    /// <summary>The Node validators and their pinned packages (npm ci --prefix tests/deploy).</summary>
    public static string NodeValidators => Path.Combine(Root, "tests", "deploy");

    public static IReadOnlyList<string> KubernetesManifests =>
        [.. Directory.GetFiles(Kubernetes).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CchcGrpc.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The tests run inside the repository; CchcGrpc.sln was not found above them.");
    }
}
