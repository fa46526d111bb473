namespace Cchc.Server.Tests.Fuzzing;

/// <summary>One call the fuzzer found wrong, with what is needed to replay it: the iteration, the caller and the bytes.</summary>
internal sealed record FuzzFailure(string Method, int Iteration, PayloadKind Kind, string Caller, string Problem, IReadOnlyList<byte[]> Payloads)
{
    private const int HexShown = 512;

    /// <summary>The full payloads, one file each, for a replay outside the fuzzer; returns the first file's path.</summary>
    public string Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, $"{Method.Replace('/', '.')}-{Iteration}");
        for (var i = 0; i < Payloads.Count; i++)
        {
            File.WriteAllBytes($"{stem}-{i}.bin", Payloads[i]);
        }

        return $"{stem}-0.bin";
    }

    public override string ToString() =>
        $"{Method} iteration {Iteration} ({Kind}, as {Caller}): {Problem}" + string.Concat(Payloads.Select((p, i) =>
            $"\n  payload {i} ({p.Length} bytes): {Convert.ToHexString(p.AsSpan(0, Math.Min(p.Length, HexShown)))}{(p.Length > HexShown ? "…" : "")}"));
}
