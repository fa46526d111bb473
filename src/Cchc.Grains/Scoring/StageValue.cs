using System.Globalization;
using System.Text.Json.Serialization;
using Cchc.Core.Scoring;

namespace Cchc.Grains.Scoring;

/// <summary>
/// What one stage recorded for a leaf: the value as its figures (so JSON needs no knowledge of the core's input
/// types), the evidence, the comment, and who entered it when. It is the payload of the leaf's event in the
/// commune's stream and the leaf's stage in its snapshot; the field names are the stored JSON's, keep them.
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.StageValue")]
public sealed record StageValue
{
    public const string NotEvaluatedKind = "not-evaluated";
    public const string NoneKind = "none";

    // An active commune keeps every stage of every leaf it was given (at national scale about a million values), so
    // the seven optional figures, of which a kind uses one or two, share two slots: bit i of _set says figure i (in
    // the order of the constructor) is given, and the lower of two given figures sits in _first. 104 bytes a value
    // instead of 184 as plain nullable fields.
    private const int MaxFigures = 2;

    [Id(0)]
    private readonly string _kind;

    [Id(1)]
    private readonly byte _set;

    [Id(2)]
    private readonly decimal _first;

    [Id(3)]
    private readonly decimal _second;

    // Exactly one reference (the usual case when there is any) is the string itself; none, or two and more, an array of
    // exactly them. An array of one would cost 32 bytes a value, 29 MB at national scale.
    [Id(4)]
    private readonly object _evidence;

    [Id(5)]
    private readonly string? _comment;

    [Id(6)]
    private readonly DateTimeOffset _at;

    [Id(7)]
    private readonly string _principal;

    /// <exception cref="ArgumentException">More than two figures are given: no kind has more.</exception>
    public StageValue(
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
        ReadOnlySpan<decimal?> figures = [Points, Numerator, Denominator, Count, Faults, OutOf, Yes is { } yes ? (yes ? 1 : 0) : null];
        var given = 0;
        for (var i = 0; i < figures.Length; i++)
        {
            if (figures[i] is not { } figure)
            {
                continue;
            }

            if (++given > MaxFigures)
            {
                throw new ArgumentException($"A stage value of kind {Kind} gives {given} figures; a kind has at most {MaxFigures}.", nameof(Kind));
            }

            _set |= (byte)(1 << i);
            (_first, _second) = given == 1 ? (figure, _second) : (_first, figure);
        }

        _kind = Shared(Kind);
        _evidence = Compact(Evidence);
        _comment = Comment;
        _at = At;
        _principal = Principal;
    }

    /// <summary>A value kind, as one shared string per kind whatever text it was read from.</summary>
    public string Kind => _kind;

    public decimal? Points => Figure(0);

    public decimal? Numerator => Figure(1);

    public decimal? Denominator => Figure(2);

    public decimal? Count => Figure(3);

    public int? Faults => Figure(4) is { } faults ? (int)faults : null;

    public int? OutOf => Figure(5) is { } outOf ? (int)outOf : null;

    public bool? Yes => Figure(6) is { } yes ? yes != 0 : null;

    /// <summary>The evidence references (kept without the spare slots of the lists the API and JSON build).</summary>
    public IReadOnlyList<string> Evidence => _evidence as string[] ?? [(string)_evidence];

    public string? Comment => _comment;

    public DateTimeOffset At => _at;

    public string Principal => _principal;

    [JsonIgnore]
    public bool IsNotEvaluated => Kind == NotEvaluatedKind;

    public static StageValue From(ItemSubmission item, DateTimeOffset at, string principal)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.NotEvaluated || item.Value is not { } v)
        {
            var kind = item.NotEvaluated ? NotEvaluatedKind : NoneKind;
            return new StageValue(kind, null, null, null, null, null, null, null, item.Evidence, item.Comment, at, principal);
        }

        return new StageValue(v.Kind, v.Points, v.Numerator, v.Denominator, v.Count, v.Faults, v.OutOf, v.Yes, item.Evidence, item.Comment, at, principal);
    }

    /// <summary>The core's input, or null for "not evaluated" and for an explanation.</summary>
    public ScoreInput? ToInput() =>
        Kind is NotEvaluatedKind or NoneKind ? null : ScoreValue.Input(Kind, Points, Numerator, Denominator, Count, Faults, OutOf, Yes);

    /// <summary>The value as the audit log shows it, e.g. "1.4", "b/a = 408/637", "not evaluated".</summary>
    public string Describe() => IsNotEvaluated ? "not evaluated" : ToInput()?.Describe() ?? (Comment ?? string.Empty);

    private decimal? Figure(int index)
    {
        var bit = 1 << index;
        if ((_set & bit) == 0)
        {
            return null;
        }

        return (_set & (bit - 1)) == 0 ? _first : _second;
    }

    private static string Shared(string kind) => kind switch
    {
        ScoreValue.PointsKind => ScoreValue.PointsKind,
        ScoreValue.RatioKind => ScoreValue.RatioKind,
        ScoreValue.CountKind => ScoreValue.CountKind,
        ScoreValue.FaultsKind => ScoreValue.FaultsKind,
        ScoreValue.YesNoKind => ScoreValue.YesNoKind,
        NotEvaluatedKind => NotEvaluatedKind,
        NoneKind => NoneKind,
        _ => kind,
    };

    // Most items carry no evidence or one reference: one shared empty array, or the reference itself.
    private static object Compact(IReadOnlyList<string> evidence) => evidence switch
    {
        null or { Count: 0 } => Array.Empty<string>(),
        { Count: 1 } => evidence[0],
        string[] array => array,
        _ => evidence.ToArray(),
    };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Kind}: {Describe()}");
}
