using System.Globalization;

namespace Cchc.Core.Scoring;

/// <summary>A number of faults (late tasks, late reports); <paramref name="OutOf"/>, when known, bounds it.</summary>
public sealed record FaultsInput(int Faults, int? OutOf = null) : ScoreInput
{
    public override string Describe()
    {
        var faults = string.Create(CultureInfo.InvariantCulture, $"{Faults} {(Faults == 1 ? "fault" : "faults")}");
        return OutOf is { } total ? string.Create(CultureInfo.InvariantCulture, $"{faults} of {total}") : faults;
    }
}
