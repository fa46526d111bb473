namespace Cchc.Cluster.Tests;

/// <summary>
/// One commune's manual item: the unit the ledger checks. Writers take a slot, write it until the write is answered
/// (or given up), then hand it back, so a slot never has two writes in flight: what the server stores is its last
/// acknowledged value, or the value of a write that was sent and never answered.
/// </summary>
internal sealed class AppraisalSlot(SeasonProvince province, string commune, ManualLeaf leaf)
{
    public SeasonProvince Province { get; } = province;

    public string Commune { get; } = commune;

    public ManualLeaf Leaf { get; } = leaf;

    /// <summary>The last value a server acknowledged; null before the first.</summary>
    public decimal? Acknowledged { get; private set; }

    /// <summary>The value of a write sent but never answered (null once answered).</summary>
    public decimal? Unanswered { get; private set; }

    public int Writes { get; private set; }

    public int Acknowledgements { get; private set; }

    public void Sending(decimal value)
    {
        Unanswered = value;
        Writes++;
    }

    public void Acknowledge(decimal value)
    {
        Acknowledged = value;
        Unanswered = null;
        Acknowledgements++;
    }
}
