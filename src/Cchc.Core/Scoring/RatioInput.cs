using System.Globalization;

namespace Cchc.Core.Scoring;

/// <summary>A share b/a from the periodic report tables, e.g. 408 dossiers online of 637 received.</summary>
public sealed record RatioInput(decimal Numerator, decimal Denominator) : ScoreInput
{
    public override string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"b/a = {Numerator}/{Denominator}");
}
