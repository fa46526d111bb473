using System.Text.Json;

namespace Cchc.Deploy.Tests;

/// <summary>
/// The Node validators in tests/deploy: validate-kubernetes.mjs (kubernetes-models: the Kubernetes OpenAPI schemas)
/// and validate-dockerfile.mjs (dockerfile-utils). Each prints one JSON report per document or file.
/// </summary>
internal static class NodeValidator
{
    public const string InstallHint = "npm ci --prefix tests/deploy (tests/run.sh does it)";

    public static async Task<(ToolResult Result, IReadOnlyList<JsonElement> Reports)> RunAsync(string script, IEnumerable<string> files)
    {
        var node = Tool.Find("node", "apt-get install -y nodejs");
        foreach (var package in new[] { "kubernetes-models", "dockerfile-utils", "yaml" })
        {
            if (!Directory.Exists(Path.Combine(Repo.NodeValidators, "node_modules", package)))
            {
                throw new InvalidOperationException($"The Node package {package} that checks deploy/ is not installed: {InstallHint}");
            }
        }

        var result = await Tool.RunAsync(node, [Path.Combine(Repo.NodeValidators, script), .. files]);
        var reports = result.Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToList();
        return (result, reports);
    }
}
