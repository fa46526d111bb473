using Cchc.Core.Scoring;

namespace Cchc.Grains.Scoring;

/// <summary>
/// A stage's value for a leaf as it crosses grain boundaries: points, or the statistic the leaf's method scores
/// (a ratio, a count, faults, yes/no). <see cref="Kind"/> names which; the core's input is built from it inside the
/// grain (<see cref="ToInput"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.ScoreValue")]
public sealed record ScoreValue(
    string Kind,
    decimal? Points = null,
    decimal? Numerator = null,
    decimal? Denominator = null,
    decimal? Count = null,
    int? Faults = null,
    int? OutOf = null,
    bool? Yes = null)
{
    public const string PointsKind = "points";
    public const string RatioKind = "ratio";
    public const string CountKind = "count";
    public const string FaultsKind = "faults";
    public const string YesNoKind = "yes-no";

    public static ScoreValue OfPoints(decimal points) => new(PointsKind, Points: points);

    public static ScoreValue OfRatio(decimal numerator, decimal denominator) => new(RatioKind, Numerator: numerator, Denominator: denominator);

    public static ScoreValue OfCount(decimal count) => new(CountKind, Count: count);

    public static ScoreValue OfFaults(int faults, int? outOf = null) => new(FaultsKind, Faults: faults, OutOf: outOf);

    public static ScoreValue OfYesNo(bool yes) => new(YesNoKind, Yes: yes);

    /// <summary>The value of a core input (what the API layer parsed).</summary>
    public static ScoreValue Of(ScoreInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input switch
        {
            PointsInput p => OfPoints(p.Points),
            RatioInput r => OfRatio(r.Numerator, r.Denominator),
            CountInput c => OfCount(c.Count),
            FaultsInput f => OfFaults(f.Faults, f.OutOf),
            YesNoInput y => OfYesNo(y.Yes),
            _ => throw new NotSupportedException($"The input {input.GetType().Name} has no grain form."),
        };
    }

    /// <summary>The core's input.</summary>
    /// <exception cref="RequestRejectedException">The kind is unknown or a figure it needs is missing.</exception>
    public ScoreInput ToInput() => Input(Kind, Points, Numerator, Denominator, Count, Faults, OutOf, Yes);

    /// <summary>The core's input of a value given as its figures (a stored value converts without a copy of itself).</summary>
    /// <exception cref="RequestRejectedException">The kind is unknown or a figure it needs is missing.</exception>
    internal static ScoreInput Input(
        string kind, decimal? points, decimal? numerator, decimal? denominator, decimal? count, int? faults, int? outOf, bool? yes) => kind switch
    {
        PointsKind when points is { } p => new PointsInput(p),
        RatioKind when numerator is { } b && denominator is { } a => new RatioInput(b, a),
        CountKind when count is { } c => new CountInput(c),
        FaultsKind when faults is { } f => new FaultsInput(f, outOf),
        YesNoKind when yes is { } y => new YesNoInput(y),
        _ => throw RequestRejectedException.Invalid(
            $"The value '{kind}' is incomplete or unknown; send points, a ratio b/a, a count, faults or yes/no."),
    };
}
