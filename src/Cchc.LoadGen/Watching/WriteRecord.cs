namespace Cchc.LoadGen.Watching;

/// <summary>One write of the watch scenario: when it was sent and acknowledged, whether it moved the index, and its deliveries.</summary>
internal sealed class WriteRecord(long sentAt, bool measured)
{
    public long AckedAt;
    public int Delivered;

    public long SentAt { get; } = sentAt;

    public bool Measured { get; } = measured;

    public bool Changed { get; set; }

    public long Sequence { get; set; }
}
