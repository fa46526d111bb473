using Cchc.Api.V1;
using Cchc.Core;
using Cchc.Grains.History;
using Cchc.Grains.Reliability;
using CoreReliabilitySort = Cchc.Core.Reliability.ReliabilitySort;

namespace Cchc.Server.Mapping;

/// <summary>Reliability tables and commune histories between the grains' views and the API.</summary>
internal static class AnalysisMapper
{
    public static CoreReliabilitySort ToCore(ReliabilitySort sort) => sort switch
    {
        ReliabilitySort.Unspecified or ReliabilitySort.Gap => CoreReliabilitySort.Gap,
        ReliabilitySort.Self => CoreReliabilitySort.Self,
        ReliabilitySort.Appraised => CoreReliabilitySort.Appraised,
        ReliabilitySort.ItemsOver => CoreReliabilitySort.ItemsOver,
        ReliabilitySort.Name => CoreReliabilitySort.Name,
        _ => throw ApiArguments.Invalid($"sort {(int)sort} is not a sort; give GAP, SELF, APPRAISED, ITEMS_OVER or NAME."),
    };

    /// <summary>Unspecified: largest first for figures, A to Z for names.</summary>
    public static bool Descending(SortDirection direction, CoreReliabilitySort sort) => direction switch
    {
        SortDirection.Unspecified => sort != CoreReliabilitySort.Name,
        SortDirection.Ascending => false,
        SortDirection.Descending => true,
        _ => throw ApiArguments.Invalid($"direction {(int)direction} is not a direction; give ASCENDING or DESCENDING, or leave it unset."),
    };

    public static GetReliabilityResponse ToApi(ReliabilityView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var response = new GetReliabilityResponse
        {
            FieldCode = view.FieldCode,
            FieldName = view.FieldName,
            SelfTotal = OfficialFigure.Format(view.SelfTotal),
            AppraisedTotal = OfficialFigure.Format(view.AppraisedTotal),
            Gap = RankingMapper.Signed(view.SelfTotal - view.AppraisedTotal),
            ItemsCompared = view.ItemsCompared,
            ItemsOver = view.ItemsOver,
        };
        response.Rows.Add(view.Rows.Select((row, i) => new Api.V1.ReliabilityRow
        {
            UnitCode = row.UnitCode,
            UnitName = row.Name,
            SelfTotal = OfficialFigure.Format(row.SelfTotal),
            AppraisedTotal = OfficialFigure.Format(row.AppraisedTotal),
            Gap = RankingMapper.Signed(row.Gap),
            ItemsCompared = row.ItemsCompared,
            ItemsOver = row.ItemsOver,
            ItemsUnder = row.ItemsUnder,
            ItemsAwaitingAppraisal = row.ItemsAwaitingAppraisal,
            ItemsAppraisedWithoutSelf = row.ItemsAppraisedWithoutSelf,
            Position = i + 1,
        }));
        response.Excluded.Add(view.NotCompared.Select(row => new ReliabilityExcluded
        {
            UnitCode = row.UnitCode,
            UnitName = row.Name,
            Reason = row.NotComparedReason ?? "",
        }));
        return response;
    }

    public static GetHistoryResponse ToApi(CommuneHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var response = new GetHistoryResponse { UnitCode = history.UnitCode, UnitName = history.Name };
        response.Rows.Add(history.Rows.Select(ToApi));
        return response;
    }

    private static HistoryRow ToApi(HistoryYearRow row)
    {
        var api = new HistoryRow
        {
            Year = row.Year,
            FromPredecessors = row.FromPredecessors,
            Index = Figure(row.Index),
            ClassName = row.ClassName ?? "",
            DistrictRank = Rank(row.DistrictRank),
            ProvinceRank = Rank(row.ProvinceRank),
            IndexChange = row.IndexChange is { } change ? RankingMapper.Signed(change) : "",
            Places = row.Places ?? 0,
            Phrase = row.Phrase ?? "",
            MissingReason = row.MissingReason ?? "",
            ProvinceCode = row.ProvinceCode ?? "",
            DistrictCode = row.DistrictCode ?? "",
        };
        api.Codes.Add(row.Codes);
        api.Predecessors.Add(row.Predecessors.Select(p => new HistoryPredecessor
        {
            UnitCode = p.Code,
            UnitName = p.Name,
            Whole = p.Whole,
            Contributed = p.Contributed,
            Index = Figure(p.Index),
            ClassName = p.ClassName ?? "",
            DistrictRank = Rank(p.DistrictRank),
            ProvinceRank = Rank(p.ProvinceRank),
            ProvinceCode = p.ProvinceCode ?? "",
            DistrictCode = p.DistrictCode ?? "",
            MissingReason = p.MissingReason ?? "",
        }));
        return api;
    }

    private static Api.V1.HistoryRank? Rank(Grains.History.HistoryRank? rank) =>
        rank is null ? null : new Api.V1.HistoryRank { Rank = rank.Rank, UnitCount = rank.UnitCount ?? 0 };

    private static string Figure(decimal? value) => value is { } v ? OfficialFigure.Format(v) : "";
}
