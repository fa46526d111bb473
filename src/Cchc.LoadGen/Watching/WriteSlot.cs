namespace Cchc.LoadGen.Watching;

/// <summary>
/// The recent writes to one commune, numbered in the order they were sent. A commune's updates reach each
/// watcher in order and each write that changes the index makes one, so an update reports the oldest write
/// after the one this watcher last matched, skipping writes answered as not changing the index. Under
/// overload a delivery can arrive after later writes to its commune were sent, or before its write's answer.
/// </summary>
internal sealed class WriteSlot
{
    public const int Kept = 64;
    private readonly WriteRecord?[] _recent = new WriteRecord?[Kept];
    private long _count;

    public void Add(WriteRecord record)
    {
        lock (_recent)
        {
            // The record is in place before the count that makes readers look at it.
            var sequence = _count + 1;
            record.Sequence = sequence;
            Volatile.Write(ref _recent[sequence % Kept], record);
            Volatile.Write(ref _count, sequence);
        }
    }

    /// <remarks>
    /// Without a lock: a thousand watchers match every update of a commune at about the same moment. A record
    /// overwritten by one 64 writes later while this reads is skipped, as it would have been had it come later.
    /// </remarks>
    public WriteRecord? Match(long after, long receivedAt)
    {
        var count = Volatile.Read(ref _count);
        for (var sequence = Math.Max(after + 1, count - Kept + 1); sequence <= count; sequence++)
        {
            var record = Volatile.Read(ref _recent[sequence % Kept])!;
            if (record.Sequence != sequence)
            {
                continue;
            }

            if (record.SentAt > receivedAt)
            {
                return null;
            }

            if (Volatile.Read(ref record.AckedAt) == 0 || record.Changed)
            {
                return record;
            }
        }

        return null;
    }
}
