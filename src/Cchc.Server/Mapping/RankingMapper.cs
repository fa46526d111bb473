using Cchc.Api.V1;
using Cchc.Core;
using Cchc.Grains.Comparison;
using Cchc.Grains.Ranking;
using CoreRankChange = Cchc.Core.Comparison.RankChange;

namespace Cchc.Server.Mapping;

/// <summary>Rankings, live updates and period comparisons between the ranking and comparison grains' views and the API.</summary>
internal static class RankingMapper
{
    public static RankingEntry ToEntry(RankingRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var entry = new RankingEntry
        {
            UnitCode = row.UnitCode,
            UnitName = row.Name,
            Index = OfficialFigure.Format(row.Index),
            ClassName = row.ClassName ?? "",
            CompetitionRank = row.Rank.CompetitionRank,
            DenseRank = row.Rank.DenseRank,
            GroupCount = row.Rank.GroupCount,
            TiedCount = row.Rank.GroupSize,
            UnitCount = row.Rank.UnitCount,
            Provisional = row.Provisional,
            Change = new RankChange(),
        };
        if (row.Previous is { } previous)
        {
            var change = new CoreRankChange(previous.CompetitionRank, row.Rank.CompetitionRank);
            entry.Change = new RankChange
            {
                HasPrevious = true,
                PreviousRank = previous.CompetitionRank,
                Places = change.Places,
                PreviousIndex = OfficialFigure.Format(previous.Index),
                IndexChange = Signed(row.Index - previous.Index),
                PreviousClassName = previous.ClassName ?? "",
                Phrase = change.Phrase,
            };
        }

        return entry;
    }

    public static UnrankedUnit ToApi(UnrankedRow unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return new UnrankedUnit { UnitCode = unit.UnitCode, UnitName = unit.Name, Reason = unit.Reason };
    }

    /// <summary>One change as the watcher of one ranking sees it.</summary>
    public static RankingUpdate ToUpdate(RankingFeedUpdate change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var update = new RankingUpdate
        {
            Version = change.Version,
            UnitCode = change.UnitCode,
            UnitCount = change.UnitCount,
        };
        if (change.Row is { } row)
        {
            update.Entry = ToEntry(row);
        }

        if (change.Progress is { } progress)
        {
            update.Progress = ProgressMapper.ToApi(progress);
        }

        if (change.Totals is { } totals)
        {
            update.ProgressTotals = ProgressMapper.ToApi(totals);
        }

        return update;
    }

    /// <summary>A page of a ranking: its rows, and the units listed apart when it is the first page.</summary>
    public static GetRankingResponse ToPage(RankingView view, bool first)
    {
        ArgumentNullException.ThrowIfNull(view);
        var page = new GetRankingResponse
        {
            UnitCount = view.UnitCount,
            GroupCount = view.GroupCount,
            Version = view.Version,
            Published = view.Published,
        };
        page.Entries.Add(view.Rows.Select(ToEntry));
        if (first)
        {
            page.Unranked.Add(view.Unranked.Select(ToApi));
        }

        return page;
    }

    public static RankingSnapshot ToSnapshot(RankingView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var snapshot = new RankingSnapshot { Version = view.Version };
        snapshot.Entries.Add(view.Rows.Select(ToEntry));
        if (view.Progress is { } progress)
        {
            snapshot.ProgressTotals = ProgressMapper.ToApi(progress.Totals);
            snapshot.Progress.Add(progress.Communes.Select(ProgressMapper.ToApi));
        }

        return snapshot;
    }

    public static UnitComparison ToApi(UnitComparisonRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var api = new UnitComparison
        {
            UnitCode = row.UnitCode,
            UnitName = row.UnitName,
            Overall = ToApi(row.Overall),
            MissingReason = row.MissingReason ?? "",
        };
        api.ComparedWithCodes.Add(row.ComparedWithCodes);
        api.Fields.Add(row.Fields.Select(ToApi));
        api.Predecessors.Add(row.Predecessors.Select(ToApi));
        return api;
    }

    private static PredecessorComparison ToApi(PredecessorRow row) => new()
    {
        Code = row.Code,
        Name = row.Name,
        Partial = !row.Whole,
        Contributed = row.Contributed,
        Index = Figure(row.IndexA),
        ClassName = row.ClassA ?? "",
        Rank = row.RankA ?? 0,
        UnitCount = row.UnitCountA ?? 0,
    };

    private static FieldComparison ToApi(IndexComparisonRow row) => new()
    {
        FieldCode = row.FieldCode,
        FieldName = row.FieldName,
        IndexA = Figure(row.IndexA),
        IndexB = Figure(row.IndexB),
        IndexChange = row.IndexChange is { } d ? Signed(d) : "",
        ClassA = row.ClassA ?? "",
        ClassB = row.ClassB ?? "",
        RankA = row.RankA ?? 0,
        RankB = row.RankB ?? 0,
        Places = row.Places ?? 0,
        Phrase = row.Phrase ?? "",
        UnitCountA = row.UnitCountA ?? 0,
        UnitCountB = row.UnitCountB ?? 0,
    };

    /// <summary>"+2.15", "-3.40", "0.00".</summary>
    public static string Signed(decimal change) => change > 0 ? "+" + OfficialFigure.Format(change) : OfficialFigure.Format(change);

    private static string Figure(decimal? value) => value is { } v ? OfficialFigure.Format(v) : "";
}
