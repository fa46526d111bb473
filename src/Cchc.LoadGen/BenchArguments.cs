using System.Globalization;
using System.Reflection;

namespace Cchc.LoadGen;

/// <summary>What the bench's subcommands read the same way: whole-number flags and the paths fixed at build time.</summary>
internal static class BenchArguments
{
    /// <summary>A file of the national unit lists beside the repository, in ../shared/data.</summary>
    public static string SharedData(string file) => Path.Combine(RepositoryRoot(), "..", "shared", "data", file);

    /// <summary>The cchc-server built beside the bench.</summary>
    public static string ServerDll() => Path.GetFullPath(Metadata("ServerDllPath"));

    /// <exception cref="BenchException">The value is not a whole number in range.</exception>
    public static int Number(string flag, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new BenchException($"{flag} {value}: give a whole number from {min} to {max}.");

    private static string RepositoryRoot() => Path.GetFullPath(Metadata("RepositoryRoot"));

    private static string Metadata(string key) =>
        typeof(BenchArguments).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
