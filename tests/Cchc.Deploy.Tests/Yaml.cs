using YamlDotNet.RepresentationModel;

namespace Cchc.Deploy.Tests;

/// <summary>Reading a loaded YAML tree; a missing key fails with the path that was asked for.</summary>
internal static class Yaml
{
    public static YamlNode? Find(this YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    public static YamlMappingNode Map(this YamlNode node, params string[] path) =>
        node.Find(path) as YamlMappingNode ?? throw new KeyNotFoundException($"No mapping at {string.Join('.', path)}.");

    public static string Text(this YamlNode node, params string[] path) =>
        (node.Find(path) as YamlScalarNode)?.Value ?? throw new KeyNotFoundException($"No scalar at {string.Join('.', path)}.");

    public static IReadOnlyList<string> Texts(this YamlNode node, params string[] path) =>
        node.Find(path) is YamlSequenceNode list
            ? [.. list.Children.Select(c => ((YamlScalarNode)c).Value ?? "")]
            : throw new KeyNotFoundException($"No list at {string.Join('.', path)}.");

    public static IReadOnlyList<YamlNode> Items(this YamlNode node, params string[] path) =>
        node.Find(path) is YamlSequenceNode list ? [.. list.Children] : throw new KeyNotFoundException($"No list at {string.Join('.', path)}.");

    public static IReadOnlyDictionary<string, YamlNode> Entries(this YamlNode node, params string[] path) =>
        node.Map(path).Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => e.Value, StringComparer.Ordinal);
}
