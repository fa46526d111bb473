namespace Cchc.Core.Frameworks;

/// <summary>
/// A framework as written or imported, not yet checked. <see cref="Framework.Create"/> validates it.
/// Bands are listed from the highest class down.
/// </summary>
public sealed record FrameworkDefinition(
    string Name,
    int Year,
    IReadOnlyList<PeriodKind> Periods,
    IReadOnlyList<FrameworkNode> Fields,
    IReadOnlyList<ClassBand> Bands,
    decimal DeclaredTotal = 100m);
