using Cchc.LoadGen.Watching;

namespace Cchc.LoadGen.Tests;

/// <summary>How the watch scenario matches an update to a write of its commune, without a lock.</summary>
public sealed class WriteSlotTests
{
    [Fact]
    public void An_update_matches_the_oldest_write_after_the_last_matched_skipping_writes_answered_as_unchanged()
    {
        var slot = new WriteSlot();
        var changed = Write(slot, sentAt: 10, acked: 20, changed: true);
        var unchanged = Write(slot, sentAt: 11, acked: 21, changed: false);
        var unanswered = Write(slot, sentAt: 12, acked: 0, changed: false);

        Assert.Same(changed, slot.Match(0, 100));
        Assert.Same(unanswered, slot.Match(changed.Sequence, 100));
        Assert.Null(slot.Match(unanswered.Sequence, 100));
        Assert.Equal((1, 2, 3), (changed.Sequence, unchanged.Sequence, unanswered.Sequence));
    }

    [Fact]
    public void A_write_sent_after_the_update_arrived_is_not_its_cause()
    {
        var slot = new WriteSlot();
        Write(slot, sentAt: 10, acked: 20, changed: false);
        var later = Write(slot, sentAt: 50, acked: 0, changed: false);

        Assert.Null(slot.Match(0, 40));
        Assert.Same(later, slot.Match(0, 50));
    }

    [Fact]
    public void Only_the_latest_writes_are_kept()
    {
        var slot = new WriteSlot();
        var records = Enumerable.Range(1, WriteSlot.Kept + 36).Select(i => Write(slot, sentAt: i, acked: 0, changed: false)).ToArray();

        // The first 36 were overwritten: the oldest a match can still report is the 37th.
        Assert.Same(records[36], slot.Match(0, long.MaxValue));
        Assert.Same(records[^1], slot.Match(records[^2].Sequence, long.MaxValue));
    }

    [Fact]
    public async Task Readers_without_a_lock_get_only_records_of_the_sequence_they_report_while_a_writer_adds()
    {
        var slot = new WriteSlot();
        var added = new WriteRecord[200_000];
        using var done = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            long after = 0;
            var checks = 0;
            while (!done.IsCancellationRequested || checks == 0)
            {
                if (slot.Match(after, long.MaxValue) is not { } record)
                {
                    continue;
                }

                // A record overwritten while it was read must never be reported as another sequence's.
                Assert.True(record.Sequence > after, $"matched {record.Sequence} after {after}");
                Assert.Same(Volatile.Read(ref added[record.Sequence - 1]), record);
                after = record.Sequence;
                checks++;
            }

            return checks;
        })).ToArray();
        for (var i = 0; i < added.Length; i++)
        {
            var record = new WriteRecord(i, measured: true);
            Volatile.Write(ref added[i], record);
            slot.Add(record);
        }

        await done.CancelAsync();
        Assert.All(await Task.WhenAll(readers), checks => Assert.True(checks > 0));
    }

    private static WriteRecord Write(WriteSlot slot, long sentAt, long acked, bool changed)
    {
        var record = new WriteRecord(sentAt, measured: true) { Changed = changed, AckedAt = acked };
        slot.Add(record);
        return record;
    }
}
