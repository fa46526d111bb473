using System.Globalization;
using Cchc.Core.Scoring;

namespace Cchc.Grains.Scoring;

/// <summary>
/// What one stage recorded for a leaf, as stored: the input in plain fields (so JSON needs no knowledge of the
/// core's input types), the evidence, the comment, and who entered it when.
/// </summary>
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

    public bool IsNotEvaluated => Kind == NotEvaluatedKind;

    public static StageValue From(ItemSubmission item, DateTimeOffset at, string principal)
    {
        ArgumentNullException.ThrowIfNull(item);
        var empty = new StageValue("", null, null, null, null, null, null, null, item.Evidence, item.Comment, at, principal);
        return item.NotEvaluated ? empty with { Kind = NotEvaluatedKind } : item.Input switch
        {
            PointsInput p => empty with { Kind = "points", Points = p.Points },
            RatioInput r => empty with { Kind = "ratio", Numerator = r.Numerator, Denominator = r.Denominator },
            CountInput c => empty with { Kind = "count", Count = c.Count },
            FaultsInput f => empty with { Kind = "faults", Faults = f.Faults, OutOf = f.OutOf },
            YesNoInput y => empty with { Kind = "yes-no", Yes = y.Yes },
            null => empty with { Kind = "none" },
            _ => throw new NotSupportedException($"The input {item.Input.GetType().Name} has no stored form."),
        };
    }

    /// <summary>The core's input, or null for "not evaluated" and for an explanation.</summary>
    public ScoreInput? ToInput() => Kind switch
    {
        "points" => new PointsInput(Points!.Value),
        "ratio" => new RatioInput(Numerator!.Value, Denominator!.Value),
        "count" => new CountInput(Count!.Value),
        "faults" => new FaultsInput(Faults!.Value, OutOf),
        "yes-no" => new YesNoInput(Yes!.Value),
        _ => null,
    };

    /// <summary>The value as the audit log shows it, e.g. "1.4", "b/a = 408/637", "not evaluated".</summary>
    public string Describe() => IsNotEvaluated ? "not evaluated" : ToInput()?.Describe() ?? (Comment ?? string.Empty);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Kind}: {Describe()}");
}
