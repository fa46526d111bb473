namespace Cchc.Grains.Audit;

/// <summary>
/// The audit of one scope's period: whether it is published and its chain heads were recorded then, how much was
/// checked (communes, audit entries whose hash was recomputed, entries written before the chain existed, score rows
/// compared with their replayed entries) and every commune's first break of each kind, by commune code.
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.AuditReport")]
public sealed record AuditReport(
    string ScopeCode,
    string Period,
    bool Published,
    bool HeadsRecorded,
    int Communes,
    long EntriesChecked,
    long EntriesNotCovered,
    int ScoreRowsChecked,
    IReadOnlyList<AuditBreak> Breaks)
{
    public bool Intact => Breaks.Count == 0;
}
