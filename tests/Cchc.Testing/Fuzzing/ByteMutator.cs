namespace Cchc.Testing.Fuzzing;

/// <summary>
/// Byte-level mutations of a valid input (the classic set of AFL and libFuzzer): bit flips, interesting bytes,
/// truncation, deletion, duplication of a slice, insertion of random bytes, a slice spliced in from another input.
/// </summary>
public static class ByteMutator
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x0A, 0x22, 0x2C, 0x3B, 0x5C, 0x7B, 0x7D];

    /// <summary>
    /// A copy of <paramref name="input"/> with one mutation (half the time; a structured input rarely survives more and
    /// then goes no deeper than its parser) to four, no longer than <paramref name="maxLength"/>.
    /// </summary>
    /// <param name="input">The valid input.</param>
    /// <param name="random">The target's seeded generator.</param>
    /// <param name="maxLength">A cap, so duplications cannot grow an input without bound.</param>
    /// <param name="other">Another valid input to splice from, if there is one.</param>
    public static byte[] Mutate(ReadOnlySpan<byte> input, Random random, int maxLength, ReadOnlySpan<byte> other = default)
    {
        ArgumentNullException.ThrowIfNull(random);
        var bytes = new List<byte>(input.ToArray());
        var otherBytes = other.ToArray();
        var count = random.Next(2) == 0 ? 1 : 1 + random.Next(4);
        for (var i = 0; i < count; i++)
        {
            MutateOnce(bytes, random, otherBytes);
        }

        return bytes.Count > maxLength ? bytes.GetRange(0, maxLength).ToArray() : bytes.ToArray();
    }

    private static void MutateOnce(List<byte> bytes, Random random, byte[] other)
    {
        var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
        switch (random.Next(bytes.Count == 0 ? 1 : 8))
        {
            case 0:
                bytes.InsertRange(at, RandomBytes(random, 1 + random.Next(16)));
                break;
            case 1:
                bytes[at] ^= (byte)(1 << random.Next(8));
                break;
            case 2:
                bytes[at] = Interesting[random.Next(Interesting.Length)];
                break;
            case 3:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 4:
                bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(32)));
                break;
            case 5:
                var length = Math.Min(bytes.Count - at, 1 + random.Next(64));
                bytes.InsertRange(random.Next(bytes.Count + 1), bytes.GetRange(at, length));
                break;
            case 6 when other.Length > 0:
                var from = random.Next(other.Length);
                bytes.InsertRange(at, other.AsSpan(from, Math.Min(other.Length - from, 1 + random.Next(64))).ToArray());
                break;
            default:
                bytes[at] = (byte)random.Next(256);
                break;
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
