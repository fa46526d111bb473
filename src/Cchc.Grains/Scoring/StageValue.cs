using System.Globalization;
using Cchc.Core.Scoring;

namespace Cchc.Grains.Scoring;

/// <summary>
/// What one stage recorded for a leaf: the value in plain fields (so JSON needs no knowledge of the core's input
/// types), the evidence, the comment, and who entered it when. It is the payload of the leaf's event in the
/// commune's stream and the leaf's stage in its snapshot; the field names are the stored JSON's, keep them.
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.StageValue")]
public sealed record StageValue(
    string Kind,
    decimal? Points,
    decimal? Numerator,
    decimal? Denominator,
    decimal? Count,
    int? Faults,
    int? OutOf,
    bool? Yes,
    IReadOnlyList<string> Evidence,
    string? Comment,
    DateTimeOffset At,
    string Principal)
{
    public const string NotEvaluatedKind = "not-evaluated";
    public const string NoneKind = "none";

    public bool IsNotEvaluated => Kind == NotEvaluatedKind;

    public static StageValue From(ItemSubmission item, DateTimeOffset at, string principal)
    {
        ArgumentNullException.ThrowIfNull(item);
        // Most items carry no evidence: one shared empty list rather than one per stored value.
        var evidence = item.Evidence.Count == 0 ? [] : item.Evidence;
        var empty = new StageValue("", null, null, null, null, null, null, null, evidence, item.Comment, at, principal);
        if (item.NotEvaluated)
        {
            return empty with { Kind = NotEvaluatedKind };
        }

        return item.Value is { } v
            ? empty with
            {
                Kind = v.Kind, Points = v.Points, Numerator = v.Numerator, Denominator = v.Denominator, Count = v.Count,
                Faults = v.Faults, OutOf = v.OutOf, Yes = v.Yes,
            }
            : empty with { Kind = NoneKind };
    }

    /// <summary>The value, or null for "not evaluated" and for an explanation.</summary>
    public ScoreValue? Value => Kind is NotEvaluatedKind or NoneKind ? null : new ScoreValue(Kind, Points, Numerator, Denominator, Count, Faults, OutOf, Yes);

    /// <summary>The core's input, or null for "not evaluated" and for an explanation.</summary>
    public ScoreInput? ToInput() => Value?.ToInput();

    /// <summary>The value as the audit log shows it, e.g. "1.4", "b/a = 408/637", "not evaluated".</summary>
    public string Describe() => IsNotEvaluated ? "not evaluated" : ToInput()?.Describe() ?? (Comment ?? string.Empty);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Kind}: {Describe()}");
}
