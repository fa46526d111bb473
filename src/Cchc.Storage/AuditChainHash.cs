using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Cchc.Storage;

/// <summary>
/// The hash that chains an audit entry to the entry before it in its stream. The append computes it inside the
/// transaction that stores the entry; verification recomputes it from the stored row. Both use this class only.
/// </summary>
/// <remarks>
/// The hash is SHA-256 over this byte string, written as lowercase hex (64 characters):
/// <code>
/// text("cchc-audit-v1") text(previousHash) text(streamId)
/// int64(at: microseconds since 1970-01-01T00:00Z) int32(at offset in minutes)
/// text(principal) text(unitCode) text(period) text(itemCode) text(stage) text(oldValue) text(newValue)
/// int32(evidence count) text(evidence[0]) … text(evidence[n-1])
/// text(comment) text(idempotencyKey) text(payload) int64(version)
/// </code>
/// where <c>text(s)</c> is the UTF-8 byte count of s as a big-endian int32 followed by those bytes, or the int32 -1
/// and nothing else for null, and the integers are big-endian. Why this is unambiguous: the fields come in one fixed
/// order, each integer has a fixed width and each text says how long it is, so the byte string splits back into its
/// fields one way only; no choice of field contents can make two different rows (or a null and an empty text, or a
/// comma inside one evidence reference and two references) encode alike. The leading tag names the format, so a
/// later format cannot be confused with this one. The time is the stored one: microseconds, truncated, as both
/// databases keep it.
/// </remarks>
public static class AuditChainHash
{
    private const string FormatTag = "cchc-audit-v1";

    /// <summary>The entry's hash given the hash of the entry before it (null for a stream's first hashed entry).</summary>
    public static string Compute(string? previousHash, string streamId, AuditEntry entry, long version)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentNullException.ThrowIfNull(entry);

        // The bytes are built in a pooled buffer and hashed into the stack: in a bulk load this method allocated a
        // sixth of the server's bytes (deploy/bench/README.md).
        var buffer = new CanonicalBytes();
        try
        {
            buffer.Text(FormatTag);
            buffer.Text(previousHash);
            buffer.Text(streamId);
            buffer.Int64((entry.At.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond);
            buffer.Int32((int)(entry.At.Offset.Ticks / TimeSpan.TicksPerMinute));
            buffer.Text(entry.Principal);
            buffer.Text(entry.UnitCode);
            buffer.Text(entry.Period);
            buffer.Text(entry.ItemCode);
            buffer.Text(entry.Stage);
            buffer.Text(entry.OldValue);
            buffer.Text(entry.NewValue);
            buffer.Int32(entry.Evidence.Count);
            foreach (var reference in entry.Evidence)
            {
                buffer.Text(reference);
            }

            buffer.Text(entry.Comment);
            buffer.Text(entry.IdempotencyKey);
            buffer.Text(entry.Payload);
            buffer.Int64(version);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.Written, hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            buffer.Return();
        }
    }

    /// <summary>The time as stored: whole microseconds (both databases keep no more), the offset kept.</summary>
    public static DateTimeOffset Stored(DateTimeOffset at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerMicrosecond), at.Offset);

    private sealed class CanonicalBytes
    {
        private byte[] _bytes = ArrayPool<byte>.Shared.Rent(1024);
        private int _length;

        public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

        public void Text(string? value)
        {
            if (value is null)
            {
                Int32(-1);
                return;
            }

            var count = Encoding.UTF8.GetByteCount(value);
            Int32(count);
            Encoding.UTF8.GetBytes(value, Reserve(count));
        }

        public void Int32(int value) => BinaryPrimitives.WriteInt32BigEndian(Reserve(sizeof(int)), value);

        public void Int64(long value) => BinaryPrimitives.WriteInt64BigEndian(Reserve(sizeof(long)), value);

        public void Return() => ArrayPool<byte>.Shared.Return(_bytes);

        private Span<byte> Reserve(int count)
        {
            if (_length + count > _bytes.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _length + count));
                Written.CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_bytes);
                _bytes = larger;
            }

            var span = _bytes.AsSpan(_length, count);
            _length += count;
            return span;
        }
    }
}
