namespace Cchc.Core.Frameworks;

/// <summary>A classification band (xếp loại): an index at or above <see cref="MinIndex"/> earns <see cref="Name"/>.</summary>
public sealed record ClassBand(string Name, decimal MinIndex)
{
    /// <summary>The common set: Xuất sắc ≥ 90, Tốt 80 to &lt; 90, Khá 70 to &lt; 80, Trung bình 50 to &lt; 70, Yếu &lt; 50.</summary>
    public static IReadOnlyList<ClassBand> Common { get; } =
    [
        new("Xuất sắc", 90m),
        new("Tốt", 80m),
        new("Khá", 70m),
        new("Trung bình", 50m),
        new("Yếu", 0m),
    ];
}
