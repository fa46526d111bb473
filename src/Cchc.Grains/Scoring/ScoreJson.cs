using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cchc.Grains.Scoring;

/// <summary>
/// The JSON of the commune's stream: event payloads (<see cref="StageValue"/>), snapshots (<see cref="CommuneState"/>)
/// and idempotent answers (<see cref="SubmitOutcome"/>). Web defaults (camelCase) as the whole-state design wrote,
/// so its stored communes read as snapshots; Vietnamese text stays readable in the database.
/// </summary>
public static class ScoreJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"The stored {typeof(T).Name} is null.");
}
