namespace Cchc.LoadGen.Reading;

/// <summary>What a read's answer held: its ranking entries, and the place of its last (0 with none).</summary>
internal sealed record RankingEntries(int Count, int LastPlace);
