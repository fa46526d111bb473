using YamlDotNet.RepresentationModel;

namespace Cchc.Deploy.Tests;

/// <summary>
/// Debian's docker-compose: <c>docker-compose config</c> loads deploy/compose/compose.yaml as Compose does (the Compose
/// spec's JSON schema, merge keys, variable interpolation, references between services, networks and volumes) and
/// prints the resolved file, which the tests then read.
/// </summary>
internal static class Compose
{
    public const string InstallHint = "apt-get update && apt-get install -y --no-install-recommends docker-compose";

    /// <summary>Values for the file's required variables; they stand for the operator's secrets.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Secrets = new Dictionary<string, string?>
    {
        ["CCHC_AUTH_KEY"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
        ["POSTGRES_PASSWORD"] = "compose-test-password",
    };

    public static async Task<ToolResult> ConfigAsync(IReadOnlyDictionary<string, string?> environment, string? file = null)
    {
        var compose = Tool.Find("docker-compose", InstallHint);

        // Only the variables given count: an .env file a developer keeps beside compose.yaml is not read.
        var emptyEnvFile = Path.GetTempFileName();
        try
        {
            var variables = new Dictionary<string, string?>(StringComparer.Ordinal) { ["CCHC_AUTH_KEY"] = null, ["POSTGRES_PASSWORD"] = null };
            foreach (var (key, value) in environment)
            {
                variables[key] = value;
            }

            return await Tool.RunAsync(compose, ["--env-file", emptyEnvFile, "-f", file ?? Repo.ComposeFile, "config"], variables);
        }
        finally
        {
            File.Delete(emptyEnvFile);
        }
    }

    /// <summary>The resolved file, as <c>docker-compose config</c> printed it with <see cref="Secrets"/> set.</summary>
    public static async Task<YamlMappingNode> ResolvedAsync()
    {
        var result = await ConfigAsync(Secrets);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"docker-compose config refused deploy/compose/compose.yaml: {result}");
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(result.Output));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
