using System.Text.Encodings.Web;
using System.Text.Json;
using Orleans.Storage;

namespace Cchc.Storage.OrleansAdoNet;

/// <summary>
/// Writes grain state as plain System.Text.Json of the declared state type: no type names, so renaming or moving
/// a state type keeps stored state readable (Orleans' default writes assembly-qualified <c>$type</c> names).
/// Property names are the contract; pin one with <c>[JsonPropertyName]</c> before renaming it.
/// </summary>
public sealed class StableJsonGrainStorageSerializer : IGrainStorageSerializer
{
    /// <summary>camelCase names; Vietnamese text stored as is, not as \u escapes, so rows stay readable.</summary>
    public static JsonSerializerOptions DefaultOptions { get; } = CreateDefaultOptions();

    private readonly JsonSerializerOptions _options;

    public StableJsonGrainStorageSerializer()
        : this(DefaultOptions)
    {
    }

    public StableJsonGrainStorageSerializer(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MakeReadOnly(populateMissingResolver: true);
        _options = options;
    }

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, _options));

    // A stored JSON null deserializes to null; the provider then creates a fresh state, as for a missing row.
    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize<T>(input.ToMemory().Span, _options)!;
    }

    private static JsonSerializerOptions CreateDefaultOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
