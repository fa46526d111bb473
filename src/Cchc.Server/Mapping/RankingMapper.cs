using Cchc.Api.V1;
using Cchc.Core;
using Cchc.Grains.Ranking;
using CoreComparison = Cchc.Core.Comparison;
using CoreRankChange = Cchc.Core.Comparison.RankChange;
using CoreUnranked = Cchc.Core.Ranking.UnrankedUnit;

namespace Cchc.Server.Mapping;

/// <summary>Rankings, live updates and year comparisons between the grains / core and the API.</summary>
internal static class RankingMapper
{
    public static RankingEntry ToEntry(RankingRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var unit = row.Unit;
        var entry = new RankingEntry
        {
            UnitCode = unit.UnitCode,
            UnitName = unit.Name,
            Index = OfficialFigure.Format(unit.Index),
            ClassName = row.ClassName ?? "",
            CompetitionRank = unit.Rank.CompetitionRank,
            DenseRank = unit.Rank.DenseRank,
            GroupCount = unit.Rank.GroupCount,
            TiedCount = unit.Rank.GroupSize,
            UnitCount = unit.Rank.UnitCount,
            Provisional = row.Provisional,
            Change = new RankChange(),
        };
        if (row.Previous is { } previous)
        {
            var change = new CoreRankChange(previous.CompetitionRank, unit.Rank.CompetitionRank);
            entry.Change = new RankChange
            {
                HasPrevious = true,
                PreviousRank = previous.CompetitionRank,
                Places = change.Places,
                PreviousIndex = OfficialFigure.Format(previous.Index),
                IndexChange = Signed(unit.Index - previous.Index),
                PreviousClassName = previous.ClassName ?? "",
                Phrase = change.Phrase,
            };
        }

        return entry;
    }

    public static UnrankedUnit ToApi(CoreUnranked unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return new UnrankedUnit { UnitCode = unit.UnitCode, UnitName = unit.Name, Reason = unit.Reason };
    }

    /// <summary>One event as seen by the watcher of one ranking ("" overall, else a field code).</summary>
    public static RankingUpdate ToUpdate(RankingEvent change, string rankingKey)
    {
        ArgumentNullException.ThrowIfNull(change);
        var update = new RankingUpdate
        {
            Version = change.Version,
            UnitCode = change.UnitCode,
            UnitCount = change.UnitCounts.GetValueOrDefault(rankingKey),
        };
        if (change.Rows.GetValueOrDefault(rankingKey) is { } row)
        {
            update.Entry = ToEntry(row);
        }

        return update;
    }

    public static RankingSnapshot ToSnapshot(RankingView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var snapshot = new RankingSnapshot { Version = view.Version };
        snapshot.Entries.Add(view.Rows.Select(ToEntry));
        return snapshot;
    }

    public static Api.V1.UnitComparison ToApi(CoreComparison.UnitComparison comparison, Core.Frameworks.Framework earlierFramework)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(earlierFramework);
        var api = new Api.V1.UnitComparison
        {
            UnitCode = comparison.UnitCode,
            UnitName = comparison.Name,
            Overall = Overall(comparison),
        };
        if (comparison.Predecessors.Count > 0)
        {
            api.ComparedWithCodes.Add(comparison.Predecessors.OrderByDescending(p => p.IsBasis).Select(p => p.Predecessor.UnitCode));
        }
        else if (comparison.Earlier is not null)
        {
            api.ComparedWithCodes.Add(comparison.UnitCode);
        }

        api.Fields.Add(comparison.Fields.Where(f => earlierFramework.Contains(f.Code)).Select(Field));
        return api;
    }

    private static Api.V1.FieldComparison Overall(CoreComparison.UnitComparison comparison)
    {
        var change = comparison.RankChange;
        return new Api.V1.FieldComparison
        {
            FieldCode = "",
            FieldName = "",
            IndexA = Figure(comparison.Earlier?.Index),
            IndexB = Figure(comparison.Later.Index),
            IndexChange = comparison.IndexChange is { } d ? Signed(d) : "",
            ClassA = comparison.Earlier?.ClassName ?? "",
            ClassB = comparison.Later.ClassName ?? "",
            RankA = comparison.Earlier?.Rank?.CompetitionRank ?? 0,
            RankB = comparison.Later.Rank?.CompetitionRank ?? 0,
            Places = change?.Places ?? 0,
            Phrase = change?.Phrase ?? "",
        };
    }

    private static Api.V1.FieldComparison Field(CoreComparison.FieldComparison field)
    {
        var change = field.RankChange;
        return new Api.V1.FieldComparison
        {
            FieldCode = field.Code,
            FieldName = field.Name,
            IndexA = Figure(field.EarlierIndex),
            IndexB = Figure(field.LaterIndex),
            IndexChange = field.IndexChange is { } d ? Signed(d) : "",
            ClassA = "",
            ClassB = "",
            RankA = field.EarlierRank?.CompetitionRank ?? 0,
            RankB = field.LaterRank?.CompetitionRank ?? 0,
            Places = change?.Places ?? 0,
            Phrase = change?.Phrase ?? "",
        };
    }

    /// <summary>"+2.15", "-3.40", "0.00".</summary>
    public static string Signed(decimal change) => change > 0 ? "+" + OfficialFigure.Format(change) : OfficialFigure.Format(change);

    private static string Figure(decimal? value) => value is { } v ? OfficialFigure.Format(v) : "";
}
