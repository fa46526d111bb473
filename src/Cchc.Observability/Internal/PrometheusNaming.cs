using System.Text;

namespace Cchc.Observability.Internal;

/// <summary>
/// Turns OpenTelemetry-style instrument names and UCUM units into Prometheus names, following the
/// OpenTelemetry "Prometheus and OpenMetrics compatibility" rules: invalid characters become underscores, the
/// unit becomes a base-unit suffix (annotations in braces are dropped), and counters end in <c>_total</c>.
/// </summary>
internal static class PrometheusNaming
{
    private static readonly string[] ReservedSuffixes = ["_count", "_sum", "_bucket"];

    /// <summary>The exported name, and the factor that brings a value to the unit the name states.</summary>
    public static (string Name, double Scale) MetricName(string instrumentName, string? unit, PrometheusMetricType type)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        var (suffix, scale) = UnitSuffix(unit, type);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }

        // A gauge or counter named like a histogram's series (…_count) would be read as one: name what it counts.
        if (type != PrometheusMetricType.Histogram && ReservedSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal)))
        {
            name = Recount(name, unit);
        }

        if (type == PrometheusMetricType.Counter)
        {
            if (!name.EndsWith("_total", StringComparison.Ordinal))
            {
                name += "_total";
            }
        }
        else if (name.EndsWith("_total", StringComparison.Ordinal))
        {
            // Only counters may end in _total.
            name = name[..^"_total".Length] + "_current";
        }

        return (name, scale);
    }

    /// <summary>A label name: letters, digits and underscores, not starting with a digit (nor "__", as runs collapse).</summary>
    public static string LabelName(string key) => Sanitize(key, allowColon: false);

    public static string Sanitize(string value, bool allowColon)
    {
        var builder = new StringBuilder(value.Length + 1);
        foreach (var c in value)
        {
            var valid = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' || (allowColon && c == ':');
            var next = valid ? c : '_';
            if (next == '_' && builder.Length > 0 && builder[^1] == '_')
            {
                continue;
            }

            builder.Append(next);
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    private static (string Suffix, double Scale) UnitSuffix(string? unit, PrometheusMetricType type)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return ("", 1);
        }

        // "{call}" and "By{packet}" style annotations carry no unit.
        var plain = StripAnnotations(unit);
        return plain switch
        {
            "" => ("", 1),
            "s" => ("seconds", 1),
            "ms" => ("seconds", 0.001),
            "us" => ("seconds", 0.000001),
            "ns" => ("seconds", 0.000000001),
            "min" => ("seconds", 60),
            "h" => ("seconds", 3600),
            "By" => ("bytes", 1),
            "KiBy" => ("bytes", 1024),
            "MiBy" => ("bytes", 1024 * 1024),
            "GiBy" => ("bytes", 1024 * 1024 * 1024),
            "KBy" => ("bytes", 1000),
            "MBy" => ("bytes", 1000 * 1000),
            "1" => (type == PrometheusMetricType.Gauge ? "ratio" : "", 1),
            "%" => ("percent", 1),
            "By/s" => ("bytes_per_second", 1),
            _ when plain.EndsWith("/s", StringComparison.Ordinal) => (Sanitize(plain[..^2], false).Trim('_') + "_per_second", 1),
            _ => (Sanitize(plain, false).Trim('_'), 1),
        };
    }

    private static string StripAnnotations(string unit)
    {
        var builder = new StringBuilder(unit.Length);
        var depth = 0;
        foreach (var c in unit)
        {
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    // "dotnet.thread_pool.thread.count" counting "{thread}" reads as "dotnet_thread_pool_threads".
    private static string Recount(string name, string? unit)
    {
        var thing = unit is null ? "" : Sanitize(unit, false).Trim('_');
        if (name.EndsWith("_count", StringComparison.Ordinal) && thing.Length > 0)
        {
            var stem = name[..^"_count".Length];
            if (stem.EndsWith("_" + thing, StringComparison.Ordinal))
            {
                return stem[..^thing.Length] + Plural(thing);
            }
        }

        return name + "_value";
    }

    private static string Plural(string word) =>
        word.EndsWith('y') && word.Length > 1 && !"aeiou".Contains(word[^2], StringComparison.Ordinal) ? word[..^1] + "ies"
        : word.EndsWith('s') || word.EndsWith('x') || word.EndsWith("ch", StringComparison.Ordinal) || word.EndsWith("sh", StringComparison.Ordinal) ? word + "es"
        : word + "s";
}
