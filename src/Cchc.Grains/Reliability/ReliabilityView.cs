namespace Cchc.Grains.Reliability;

/// <summary>A scope's reliability table: compared communes in order, the others apart by name, and the totals over the compared ones.</summary>
[GenerateSerializer, Immutable, Alias("cchc.ReliabilityView")]
public sealed record ReliabilityView(
    string FieldCode,
    string FieldName,
    IReadOnlyList<ReliabilityRow> Rows,
    IReadOnlyList<ReliabilityRow> NotCompared,
    decimal SelfTotal,
    decimal AppraisedTotal,
    int ItemsCompared,
    int ItemsOver);
