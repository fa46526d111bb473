namespace Cchc.Cli;

/// <summary>The process exit codes, so scripts can tell a refusal from an outage.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The server refused the request (invalid argument, failed precondition, not found, ...).</summary>
    public const int Refused = 1;

    /// <summary>The command line or an input file is wrong; nothing was sent.</summary>
    public const int BadInput = 2;

    /// <summary>The server could not be reached or the call timed out.</summary>
    public const int Unavailable = 3;

    /// <summary>The command ran, and what it checked is broken (cchc audit verify).</summary>
    public const int Broken = 4;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
