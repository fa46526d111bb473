namespace Cchc.Storage;

/// <summary>
/// The outcome of walking one stream's chain: entries whose hash was recomputed, entries without a hash (written
/// before the chain existed), the first broken link or null, and where the stored chain ends.
/// </summary>
public sealed record ChainVerdict(int Checked, int NotCovered, ChainBreak? Break, StreamHead End);
