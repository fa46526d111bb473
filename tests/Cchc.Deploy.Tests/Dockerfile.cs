using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cchc.Deploy.Tests;

/// <summary>
/// deploy/Dockerfile's instructions by stage (comments dropped, continuation lines joined), for the facts tests
/// compare with the rest of the repository. Its syntax is dockerfile-utils' business (DockerfileTests).
/// </summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<Stage> stages) => Stages = stages;

    public IReadOnlyList<Stage> Stages { get; }

    public Stage Final => Stages[^1];

    public string FinalUser => Final.Last("USER") ?? "root";

    /// <summary>The final stage's ENV, as the container starts with it.</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        Final.All("ENV").SelectMany(e => EnvPair().Matches(e).Select(m => (m.Groups[1].Value, m.Groups[2].Value)))
            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

    public IReadOnlyList<int> Exposed =>
        [.. Final.All("EXPOSE").SelectMany(e => e.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(p => int.Parse(p.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture))];

    public IReadOnlyList<string> Entrypoint => JsonSerializer.Deserialize<string[]>(Final.Last("ENTRYPOINT") ?? "[]") ?? [];

    public static Dockerfile Load()
    {
        var stages = new List<Stage>();
        var joined = Regex.Replace(File.ReadAllText(Repo.Dockerfile), @"\\\n", " ");
        foreach (var line in joined.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var (keyword, argument) = (line[..space].ToUpperInvariant(), Regex.Replace(line[(space + 1)..], @"\s+", " ").Trim());
            if (keyword == "FROM")
            {
                var parts = argument.Split(' ');
                stages.Add(new Stage(parts[0], parts.Length == 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[2] : null));
            }
            else
            {
                stages[^1].Instructions.Add((keyword, argument));
            }
        }

        return new Dockerfile(stages);
    }

    [GeneratedRegex(@"(\w+)=(\S+)")]
    private static partial Regex EnvPair();

    /// <summary>One FROM ... [AS name] and what follows it.</summary>
    internal sealed record Stage(string Image, string? Name)
    {
        public List<(string Keyword, string Argument)> Instructions { get; } = [];

        public IEnumerable<string> All(string keyword) => Instructions.Where(i => i.Keyword == keyword).Select(i => i.Argument);

        public string? Last(string keyword) => All(keyword).LastOrDefault();
    }
}
