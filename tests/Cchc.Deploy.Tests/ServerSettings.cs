using System.Text.RegularExpressions;
using Cchc.Server.Hosting;

namespace Cchc.Deploy.Tests;

/// <summary>What cchc-server itself knows: the CCHC_* variables its --help lists, and its shutdown timeout.</summary>
internal static partial class ServerSettings
{
    /// <summary>
    /// Issue 12's server contract names these; until ServerConfiguration lists them they are taken from the contract.
    /// Each one the server lists is dropped from here by the test below, so this list only ever shrinks.
    /// </summary>
    public static readonly IReadOnlySet<string> PendingFromContract = new HashSet<string>(StringComparer.Ordinal)
    {
        "CCHC_CLUSTER_ID", "CCHC_SERVICE_ID", "CCHC_GATEWAY_PORT", "CCHC_ADVERTISED_ADDRESS", "CCHC_DASHBOARD", "CCHC_KUBERNETES",
    };

    /// <summary>The Auth section's variables (CCHC_AUTH__SIGNINGKEYS, ...), read by prefix (SecuritySettings).</summary>
    public const string AuthSectionPrefix = "CCHC_AUTH__";

    public static IReadOnlySet<string> Listed { get; } =
        EnvironmentInUsage().Matches(ServerConfiguration.Usage).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    public static TimeSpan ShutdownTimeout => new ServerOptions().ShutdownTimeout;

    public static bool Knows(string variable) =>
        Listed.Contains(variable) || PendingFromContract.Contains(variable) || variable.StartsWith(AuthSectionPrefix, StringComparison.Ordinal);

    [GeneratedRegex(@"\(env (CCHC_[A-Z0-9_]+)\)")]
    private static partial Regex EnvironmentInUsage();
}
