using Microsoft.Extensions.Logging;

namespace Cchc.Server.Hosting;

/// <summary>The host's warnings at start.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message =
        "AUTHENTICATION IS OFF (--insecure-no-auth): every caller on {Listen} may read and write everything, and names itself in the '{Header}' header. Use it only for a local test.")]
    public static partial void Insecure(ILogger logger, string listen, string header);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Listening on {Listen}, which is not loopback, over cleartext HTTP/2: bearer tokens can be read and replayed on the network. Put TLS in front (a proxy terminating TLS) or listen on loopback.")]
    public static partial void Cleartext(ILogger logger, string listen);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "The data directory {Directory} is open to other users (mode {Mode}): they may read the database and find the signing key's name. Make it private with `chmod 700 {Directory}` unless it is shared on purpose (a container volume owned by a group).")]
    public static partial void OpenDataDirectory(ILogger logger, string directory, string mode);
}
