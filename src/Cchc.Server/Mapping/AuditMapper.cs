using System.Globalization;
using Cchc.Api.V1;
using Cchc.Grains.Audit;
using CorePeriod = Cchc.Core.Period;
using CoreAuditBreak = Cchc.Grains.Audit.AuditBreak;
using CoreAuditBreakKind = Cchc.Grains.Audit.AuditBreakKind;

namespace Cchc.Server.Mapping;

/// <summary>The audit report in the API's terms.</summary>
internal static class AuditMapper
{
    public static VerifyAuditResponse ToApi(AuditReport report, CorePeriod period)
    {
        ArgumentNullException.ThrowIfNull(report);
        var response = new VerifyAuditResponse
        {
            ScopeCode = report.ScopeCode,
            Period = PeriodMapper.ToApi(period),
            Intact = report.Intact,
            Published = report.Published,
            HeadsRecorded = report.HeadsRecorded,
            CommuneCount = report.Communes,
            EntriesChecked = report.EntriesChecked,
            EntriesNotCovered = report.EntriesNotCovered,
            ScoreRowsChecked = report.ScoreRowsChecked,
        };
        response.Breaks.Add(report.Breaks.Select(ToApi));
        return response;
    }

    private static Api.V1.AuditBreak ToApi(CoreAuditBreak broken) => new()
    {
        CommuneCode = broken.CommuneCode,
        CommuneName = broken.CommuneName,
        Kind = broken.Kind switch
        {
            CoreAuditBreakKind.Entry => Api.V1.AuditBreakKind.Entry,
            CoreAuditBreakKind.Head => Api.V1.AuditBreakKind.Head,
            CoreAuditBreakKind.Score => Api.V1.AuditBreakKind.Score,
            _ => Api.V1.AuditBreakKind.Unspecified,
        },
        ItemCode = broken.ItemCode ?? "",
        At = broken.At?.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture) ?? "",
        Version = broken.Version,
        What = broken.What,
    };
}
