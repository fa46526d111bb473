namespace Cchc.Core.Comparison;

/// <summary>
/// A change of class (xếp loại). <see cref="Steps"/> counts bands moved up (Khá → Tốt is +1) in the later
/// framework's bands; null when either class is not among them.
/// </summary>
public sealed record ClassChange(string? From, string? To, int? Steps);
