using System.Text;

namespace Cchc.Server.Services;

/// <summary>
/// Keeps a status message small enough to reach the caller. The message travels in the grpc-message trailer,
/// percent-encoded (each byte of a non-ASCII character as %XX), and clients cap their headers (Grpc.Net.Client at 64 KiB,
/// grpc-java at 8 KiB): a refusal that quotes a huge input back would otherwise fail at the client as a broken call.
/// </summary>
internal static class StatusDetail
{
    /// <summary>The most a message may take once percent-encoded: dozens of listed problems, and room for other trailers.</summary>
    public const int MaxEncodedBytes = 6 * 1024;

    public const string ShortenedMark = " … (message shortened)";

    private static readonly int MarkBytes = EncodedLength(ShortenedMark);

    /// <summary>The message as it is when it fits, otherwise its longest start that does, followed by <see cref="ShortenedMark"/>.</summary>
    public static string Bounded(string detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var used = 0;
        var fitting = 0;
        for (var i = 0; i < detail.Length;)
        {
            // A lone surrogate (input quoted back) reads as U+FFFD, as it is encoded.
            Rune.DecodeFromUtf16(detail.AsSpan(i), out var rune, out var length);
            used += EncodedLength(rune);
            if (used > MaxEncodedBytes)
            {
                return detail[..fitting] + ShortenedMark;
            }

            i += length;
            if (used <= MaxEncodedBytes - MarkBytes)
            {
                fitting = i;
            }
        }

        return detail;
    }

    private static int EncodedLength(string text) => text.EnumerateRunes().Sum(EncodedLength);

    // Printable ASCII other than '%' goes as it is; anything else as %XX per UTF-8 byte (gRPC's percent-encoding).
    private static int EncodedLength(Rune rune) => rune.Value is >= 0x20 and <= 0x7E and not '%' ? 1 : 3 * rune.Utf8SequenceLength;
}
