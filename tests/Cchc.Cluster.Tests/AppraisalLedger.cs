using System.Collections.Concurrent;
using System.Globalization;
using Cchc.Api.V1;
using Grpc.Core;

namespace Cchc.Cluster.Tests;

/// <summary>
/// Every slot (commune × manual item) of the test's provinces, handed out to writers one at a time, and the check that
/// the cluster stores what it acknowledged. Slots are queued item by item over all communes, so consecutive writes to a
/// province hit different communes and every commune is written again within one round.
/// </summary>
internal sealed class AppraisalLedger
{
    private readonly Dictionary<string, ConcurrentQueue<AppraisalSlot>> _free = new(StringComparer.Ordinal);

    public AppraisalLedger(IEnumerable<SeasonProvince> provinces, IReadOnlyList<ManualLeaf> leaves)
    {
        var slots = new List<AppraisalSlot>();
        foreach (var province in provinces)
        {
            var queue = new ConcurrentQueue<AppraisalSlot>();
            foreach (var leaf in leaves)
            {
                foreach (var commune in province.Communes)
                {
                    var slot = new AppraisalSlot(province, commune, leaf);
                    slots.Add(slot);
                    queue.Enqueue(slot);
                }
            }

            _free[province.Code] = queue;
        }

        Slots = slots;
    }

    public IReadOnlyList<AppraisalSlot> Slots { get; }

    public int Acknowledged => Slots.Sum(s => s.Acknowledgements);

    public AppraisalSlot Take(string province) =>
        _free[province].TryDequeue(out var slot) ? slot : throw new InvalidOperationException($"Every slot of province {province} is in flight; lower the load's concurrency.");

    public void Return(AppraisalSlot slot) => _free[slot.Province.Code].Enqueue(slot);

    /// <summary>
    /// Reads every written commune's scorecard through <paramref name="readers"/> (in turn; a read refused as
    /// UNAVAILABLE is asked again of the next, up to a deadline) and compares each written item's appraised points;
    /// compares each acknowledged item with the last appraisal committed in the database too.
    /// </summary>
    /// <returns>
    /// One line per item, read or committed (<paramref name="connectionString"/>), that does not hold its acknowledged
    /// value (or its unanswered one), and the indexes read.
    /// </returns>
    public async Task<ReadBack> VerifyAsync(IReadOnlyList<SiloClient> readers, ClusterTokens tokens, string connectionString, TestLog log)
    {
        var problems = new ConcurrentBag<string>();
        var indexes = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var turn = 0;
        var reads = 0;
        var refusedReads = 0;
        var communes = Slots.Where(s => s.Writes > 0).GroupBy(s => s.Commune).ToList();
        var database = await AuditTrail.LastAppraisalsAsync(connectionString);
        foreach (var slot in Slots.Where(s => s.Acknowledgements > 0))
        {
            // The same rule against the committed rows themselves.
            decimal? held = database.TryGetValue((slot.Commune, slot.Leaf.Code), out var h) ? h : null;
            if (held != slot.Acknowledged && (slot.Unanswered is null || held != slot.Unanswered))
            {
                problems.Add($"commune {slot.Commune} item {slot.Leaf.Code}: the database's audit last holds {Text(held)}, acknowledged {Text(slot.Acknowledged)}");
            }
        }


        // A few reads at once, as several officers would look; each is a whole scorecard.
        await Parallel.ForEachAsync(communes, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (commune, _) =>
        {
            GetScorecardResponse? card = null;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (card is null)
            {
                var reader = readers[Interlocked.Increment(ref turn) % readers.Count];
                try
                {
                    card = await reader.Scoring.GetScorecardAsync(
                        new GetScorecardRequest { CommuneCode = commune.Key, Period = ClusterSeason.Period },
                        tokens.Call(ClusterTokens.National, TimeSpan.FromSeconds(10)));
                    Interlocked.Increment(ref reads);
                }
                catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
                {
                    Interlocked.Increment(ref refusedReads);
                    log.Line($"read of {commune.Key} through {reader.Silo.Name} refused: {e.StatusCode} {e.Status.Detail}");
                    if (DateTime.UtcNow >= deadline)
                    {
                        problems.Add($"commune {commune.Key}: its scorecard could not be read within 20 s (last: {e.StatusCode} through {reader.Silo.Name})");
                        return;
                    }
                }
            }

            indexes[commune.Key] = card.Index;
            var stored = Appraised(card.Fields);
            foreach (var slot in commune)
            {
                var value = stored.GetValueOrDefault(slot.Leaf.Code);
                var expected = slot.Unanswered is null ? $"{Text(slot.Acknowledged)}" : $"{Text(slot.Acknowledged)} or the unanswered {Text(slot.Unanswered)}";
                if (value != slot.Acknowledged && (slot.Unanswered is null || value != slot.Unanswered))
                {
                    problems.Add($"commune {slot.Commune} item {slot.Leaf.Code}: stored {Text(value)}, expected {expected} ({slot.Writes} writes, {slot.Acknowledgements} acknowledged); " +
                        $"the database's audit last holds {Text(database.TryGetValue((slot.Commune, slot.Leaf.Code), out var held) ? held : null)}");
                }
            }
        });

        var written = Slots.Count(s => s.Writes > 0);
        log.Line($"read back {written} written items of {reads} communes ({Acknowledged} acknowledged writes, {Slots.Count(s => s.Unanswered is not null)} unanswered; {refusedReads} reads refused and asked again): {problems.Count} wrong");
        return new ReadBack([.. problems.Order(StringComparer.Ordinal)], indexes);
    }

    private static Dictionary<string, decimal?> Appraised(IEnumerable<ScorecardNode> nodes)
    {
        var values = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        void Walk(IEnumerable<ScorecardNode> level)
        {
            foreach (var node in level)
            {
                if (node.Children.Count > 0)
                {
                    Walk(node.Children);
                }
                else
                {
                    values[node.Code] = string.IsNullOrEmpty(node.AppraisedPoints) ? null : decimal.Parse(node.AppraisedPoints, CultureInfo.InvariantCulture);
                }
            }
        }

        Walk(nodes);
        return values;
    }

    private static string Text(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "nothing";
}
