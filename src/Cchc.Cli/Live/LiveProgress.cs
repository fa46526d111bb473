using Cchc.Api.V1;

namespace Cchc.Cli.Live;

/// <summary>
/// The client's copy of a scope's progress, kept from the WatchRanking stream: a snapshot gives the totals and every
/// commune's row; each update gives the moved commune's new row and the new totals. Versions follow the ranking's, and
/// a gap is reported (not papered over) so the caller resumes after <see cref="Version"/>.
/// </summary>
internal sealed class LiveProgress : ILiveWatchView
{
    private readonly Dictionary<string, CommuneProgress> _communes = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public long Version { get; private set; }

    public bool HasSnapshot { get; private set; }

    public string Name => "live progress";

    /// <summary>The scope's totals; null before the first snapshot or while the province has no framework.</summary>
    public ProgressTotals? Totals { get; private set; }

    /// <summary>The commune the last update moved; null after a snapshot.</summary>
    public string? LastUnitCode { get; private set; }

    /// <summary>Every commune's row, in the order of the last snapshot (Vietnamese order of names).</summary>
    public IEnumerable<CommuneProgress> Communes => _order.Select(code => _communes[code]);

    public LiveApplyOutcome Apply(WatchRankingResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        switch (response.EventCase)
        {
            case WatchRankingResponse.EventOneofCase.Snapshot:
                _communes.Clear();
                _order.Clear();
                foreach (var row in response.Snapshot.Progress)
                {
                    _communes[row.UnitCode] = row;
                    _order.Add(row.UnitCode);
                }

                Totals = response.Snapshot.ProgressTotals;
                Version = response.Snapshot.Version;
                HasSnapshot = true;
                LastUnitCode = null;
                return LiveApplyOutcome.Applied;
            case WatchRankingResponse.EventOneofCase.Update:
                var update = response.Update;
                if (HasSnapshot && update.Version <= Version)
                {
                    return LiveApplyOutcome.Stale;
                }

                if (!HasSnapshot || update.Version != Version + 1)
                {
                    return LiveApplyOutcome.Gap;
                }

                if (update.Progress is { } progress)
                {
                    if (!_communes.ContainsKey(progress.UnitCode))
                    {
                        _order.Add(progress.UnitCode);
                    }

                    _communes[progress.UnitCode] = progress;
                }

                Totals = update.ProgressTotals ?? Totals;
                Version = update.Version;
                LastUnitCode = update.UnitCode;
                return LiveApplyOutcome.Applied;
            default:
                return LiveApplyOutcome.Stale;
        }
    }
}
