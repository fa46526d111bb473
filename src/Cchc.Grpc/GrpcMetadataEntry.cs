using System.Text;

namespace Cchc.Grpc;

/// <summary>
/// One header or trailer of a call. Keys are lower case. A key ending in <c>-bin</c> carries bytes
/// (base64 on the wire); any other key carries printable ASCII text.
/// </summary>
public sealed record GrpcMetadataEntry
{
    private readonly string? _value;
    private readonly byte[]? _bytes;

    internal GrpcMetadataEntry(string key, string? value, byte[]? bytes)
    {
        Key = key;
        _value = value;
        _bytes = bytes;
    }

    public string Key { get; }

    public bool IsBinary => _bytes is not null;

    /// <summary>The text value; for a binary entry, its base64 form.</summary>
    public string Value => _value ?? Convert.ToBase64String(_bytes!);

    /// <summary>The bytes of a binary entry; for a text entry, its ASCII bytes.</summary>
    public ReadOnlyMemory<byte> ValueBytes => _bytes ?? Encoding.ASCII.GetBytes(_value!);

    public override string ToString() => $"{Key}: {Value}";
}
