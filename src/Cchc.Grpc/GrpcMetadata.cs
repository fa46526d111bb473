using System.Collections;

namespace Cchc.Grpc;

/// <summary>Headers or trailers of a call, in order; a key may repeat.</summary>
public sealed class GrpcMetadata : IReadOnlyList<GrpcMetadataEntry>
{
    internal const string BinarySuffix = "-bin";

    private readonly List<GrpcMetadataEntry> _entries = [];

    public int Count => _entries.Count;

    public GrpcMetadataEntry this[int index] => _entries[index];

    /// <summary>Adds a text entry. The key must not end in <c>-bin</c>; the value must be printable ASCII.</summary>
    public void Add(string key, string value)
    {
        key = ValidateKey(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key.EndsWith(BinarySuffix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Metadata key '{key}' ends in '-bin', so its value must be bytes.", nameof(key));
        }

        foreach (char c in value)
        {
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException(
                    $"Metadata value for '{key}' must be printable ASCII; send other text in a '-bin' key as UTF-8 bytes.",
                    nameof(value));
            }
        }

        _entries.Add(new GrpcMetadataEntry(key, value, null));
    }

    /// <summary>Adds a binary entry. The key must end in <c>-bin</c>.</summary>
    public void Add(string key, byte[] value)
    {
        key = ValidateKey(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!key.EndsWith(BinarySuffix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Binary metadata key '{key}' must end in '-bin'.", nameof(key));
        }

        _entries.Add(new GrpcMetadataEntry(key, null, value));
    }

    /// <summary>The last text value for the key, or null.</summary>
    public string? GetValue(string key) => Find(key)?.Value;

    /// <summary>The last binary value for the key, or null.</summary>
    public byte[]? GetBytes(string key) => Find(key)?.ValueBytes.ToArray();

    public IEnumerator<GrpcMetadataEntry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Adds an entry as it came off the wire: base64 for -bin keys (padding optional).</summary>
    internal void AddFromWire(string key, string value)
    {
        if (key.EndsWith(BinarySuffix, StringComparison.Ordinal))
        {
            _entries.Add(new GrpcMetadataEntry(key, null, GrpcProtocol.DecodeBase64(value)));
        }
        else
        {
            _entries.Add(new GrpcMetadataEntry(key, value, null));
        }
    }

    internal void AddEntry(GrpcMetadataEntry entry) => _entries.Add(entry);

    private GrpcMetadataEntry? Find(string key)
    {
        for (int i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return _entries[i];
            }
        }

        return null;
    }

    private static string ValidateKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        foreach (char c in key)
        {
            bool ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or (>= 'A' and <= 'Z');
            if (!ok)
            {
                throw new ArgumentException($"Metadata key '{key}' may hold only letters, digits, '-', '_' and '.'.", nameof(key));
            }
        }

        if (key.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Metadata key '{key}' is reserved: keys starting 'grpc-' belong to the protocol.", nameof(key));
        }

        return key.ToLowerInvariant();
    }
}
