using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cchc.Storage.Internal;

/// <summary>One embedded, versioned schema script: <c>Migrations/&lt;Provider&gt;/NNNN_name.sql</c>.</summary>
internal sealed record MigrationScript(int Version, string Name, string Sql, string Checksum)
{
    public static IReadOnlyList<MigrationScript> Load(string folder)
    {
        var assembly = typeof(MigrationScript).Assembly;
        var prefix = $"Migrations/{folder}/";
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal) ||
                !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var name = resource[prefix.Length..^".sql".Length];
            var separator = name.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(name.AsSpan(0, separator), NumberStyles.None,
                    CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException(
                    $"Migration script '{resource}' must be named NNNN_description.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var sql = reader.ReadToEnd().ReplaceLineEndings("\n");
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
            scripts.Add(new MigrationScript(version, name, sql, checksum));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"Migration scripts for {folder} must be numbered 1, 2, 3… without gaps or repeats; " +
                    $"found version {scripts[i].Version} ('{scripts[i].Name}') at position {i + 1}.");
            }
        }

        return scripts;
    }
}
