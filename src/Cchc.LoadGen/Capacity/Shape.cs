using Cchc.Api.V1;

namespace Cchc.LoadGen.Capacity;

/// <summary>
/// One shape of the country: the 63 provinces of the three-tier list scored for 2024, or the 34 provinces of
/// the merged two-tier list scored for 2025. Reading a 2024 ranking also builds the 2023 ranking it compares with
/// (same registry edition); across the 2025 merger there is none.
/// </summary>
internal sealed record Shape(string Name, string File, int Year)
{
    public Period Period => new() { Year = Year, Kind = PeriodKind.Year };

    public bool HasPreviousYear => Name == "63";

    public static Shape Of(string name, CapacityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return name == "63" ? new Shape(name, options.UnitsFile, 2024) : new Shape(name, options.MergedFile, 2025);
    }
}
