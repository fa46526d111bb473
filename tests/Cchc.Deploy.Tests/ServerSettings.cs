using System.Text.RegularExpressions;
using Cchc.Server.Hosting;

namespace Cchc.Deploy.Tests;

/// <summary>What cchc-server itself knows: the CCHC_* variables its --help lists, and its shutdown timeout.</summary>
internal static partial class ServerSettings
{
    /// <summary>The Auth section's variables (CCHC_AUTH__SIGNINGKEYS, ...), read by prefix (SecuritySettings).</summary>
    public const string AuthSectionPrefix = "CCHC_AUTH__";

    public static IReadOnlySet<string> Listed { get; } =
        EnvironmentInUsage().Matches(ServerConfiguration.Usage).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    public static TimeSpan ShutdownTimeout => new ServerOptions().ShutdownTimeout;

    public static bool Knows(string variable) =>
        Listed.Contains(variable) || variable.StartsWith(AuthSectionPrefix, StringComparison.Ordinal);

    [GeneratedRegex(@"\(env (CCHC_[A-Z0-9_]+)\)")]
    private static partial Regex EnvironmentInUsage();
}
