using System.Text.RegularExpressions;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Cchc.Server.Tests.Fuzzing;

/// <summary>
/// What a call's outcome may be, whatever was sent. Allowed: OK with responses that parse as the method's output type;
/// any refusal (INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED, UNAUTHENTICATED, FAILED_PRECONDITION, RESOURCE_EXHAUSTED,
/// ALREADY_EXISTS, ABORTED, OUT_OF_RANGE) whose message leaks nothing; CANCELLED only for a stream the fuzzer cut itself.
/// A problem: UNKNOWN (an exception no one mapped), INTERNAL (a handler failed: hostile input must be refused, not
/// crash a handler; grpc-dotnet's own "cannot deserialize" answer is the one exception, see
/// <see cref="UnparsableRequest"/>), DEADLINE_EXCEEDED (no answer in <see cref="RawCaller.HangLimit"/>), UNAVAILABLE
/// (the server or its storage is failing), UNIMPLEMENTED (a method of Cchc.Api the server does not serve), DATA_LOSS.
/// </summary>
/// <remarks>
/// A message leaks when it shows the server's insides rather than the caller's mistake: a .NET exception type name
/// (any word ending in "Exception"), a stack frame ("at Type.Method(" or "file.cs:line N"), a namespace-qualified .NET
/// type (System., Microsoft., Orleans., Grpc., Google.Protobuf., Npgsql., SQLitePCL., Cchc. followed by a capital), a
/// server file path (/work/, /tmp/, /home/, /root/, /usr/, /var/, /srv/, /opt/, /proc/, a drive letter), or database
/// internals ("SQLite Error", "SQLITE_", "constraint failed", "violates"). The fuzzer's own strings contain none of these.
/// </remarks>
internal static partial class StatusVerdict
{
    /// <summary>grpc-dotnet answers this (INTERNAL) itself when the request bytes do not parse; no handler ran.</summary>
    public const string UnparsableRequest = "Failed to deserialize request message.";

    public static string? Problem(MethodDescriptor method, CallOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Code != StatusCode.OK && Leak(outcome.Detail) is { } leak)
        {
            return $"{outcome.Code} leaks {leak}: \"{outcome.Detail}\"";
        }

        return outcome.Code switch
        {
            StatusCode.OK => Unparsable(method.OutputType, outcome.Responses),
            StatusCode.Cancelled when outcome.CutByClient => null,
            StatusCode.Internal when outcome.Detail == UnparsableRequest => null,
            StatusCode.Cancelled or StatusCode.Unknown or StatusCode.Internal or StatusCode.DeadlineExceeded or
                StatusCode.Unavailable or StatusCode.Unimplemented or StatusCode.DataLoss => $"{outcome.Code}: \"{outcome.Detail}\"",
            _ => null,
        };
    }

    /// <summary>What in <paramref name="detail"/> shows the server's insides, or null.</summary>
    public static string? Leak(string detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        return LeakPattern().Match(detail) is { Success: true } match ? $"'{match.Value}'" : null;
    }

    private static string? Unparsable(MessageDescriptor output, IReadOnlyList<byte[]> responses)
    {
        foreach (var response in responses)
        {
            try
            {
                output.Parser.ParseFrom(response);
            }
            catch (InvalidProtocolBufferException e)
            {
                return $"OK with a response that is not a {output.FullName}: {e.Message}";
            }
        }

        return null;
    }

    [GeneratedRegex(
        @"\w*Exception\b|\bat [\w.`<>\[\]]+\(|\.cs:line \d+|\b(?:System|Microsoft|Orleans|Grpc|Google\.Protobuf|Npgsql|SQLitePCL|Cchc)\.[A-Z]\w*" +
        @"|(?<![\w.])/(?:work|tmp|home|root|usr|var|srv|opt|proc)/|\b[A-Za-z]:\\|SQLite Error|SQLITE_|constraint failed|violates",
        RegexOptions.CultureInvariant)]
    private static partial Regex LeakPattern();
}
