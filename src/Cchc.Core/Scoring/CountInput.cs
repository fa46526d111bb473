using System.Globalization;

namespace Cchc.Core.Scoring;

/// <summary>A count of things done, e.g. 2 dialogues held.</summary>
public sealed record CountInput(decimal Count) : ScoreInput
{
    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"count = {Count}");
}
