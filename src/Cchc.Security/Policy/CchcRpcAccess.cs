namespace Cchc.Security.Policy;

/// <summary>
/// Which operation each RPC of the public API demands, and which services stay open. A host's test can check that
/// every method it registers is listed here, so a new RPC cannot ship without an access decision.
/// </summary>
public static class CchcRpcAccess
{
    /// <summary>Method path → the <see cref="CchcOperation"/> type its handler demands.</summary>
    public static IReadOnlyDictionary<string, Type> Operations { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["/cchc.v1.RegistryService/ImportUnits"] = typeof(ImportUnits),
        ["/cchc.v1.RegistryService/StreamImportUnits"] = typeof(ImportUnits),
        ["/cchc.v1.RegistryService/ListUnits"] = typeof(ReadUnits),
        ["/cchc.v1.FrameworkService/PutFramework"] = typeof(PutFramework),
        ["/cchc.v1.FrameworkService/GetFramework"] = typeof(ReadFramework),
        ["/cchc.v1.ScoringService/SubmitScores"] = typeof(SubmitScores),
        ["/cchc.v1.ScoringService/GetScorecard"] = typeof(ReadCommune),
        ["/cchc.v1.ScoringService/GetLostPoints"] = typeof(ReadCommune),
        ["/cchc.v1.ScoringService/PublishPeriod"] = typeof(Publish),
        ["/cchc.v1.RankingService/GetRanking"] = typeof(ReadScope),
        ["/cchc.v1.RankingService/GetUnitRank"] = typeof(ReadScope),
        ["/cchc.v1.RankingService/CompareYears"] = typeof(ReadScope),
        ["/cchc.v1.RankingService/ComparePeriods"] = typeof(ReadScope),
        ["/cchc.v1.RankingService/WatchRanking"] = typeof(ReadScope),
        ["/cchc.v1.ProgressService/GetProgress"] = typeof(ReadScope),
        ["/cchc.v1.DeadlineService/SetDeadlines"] = typeof(SetDeadlines),
        ["/cchc.v1.DeadlineService/GetDeadlines"] = typeof(ReadScope),
        ["/cchc.v1.DeadlineService/ExtendDeadline"] = typeof(ExtendDeadline),
        ["/cchc.v1.AnalysisService/GetReliability"] = typeof(ReadScope),
        ["/cchc.v1.AnalysisService/GetHistory"] = typeof(ReadCommune),
        ["/cchc.v1.AuditService/VerifyAudit"] = typeof(VerifyAudit),

        // Exports demand what the read they are built from demands: ReadScope for RANKING and YEAR_COMPARISON,
        // ReadCommune for APPRAISAL_TABLE and FIX_PLAN; the handler demands the one its kind needs.
        ["/cchc.v1.ExportService/ExportTable"] = typeof(ReadScope),
    };

    /// <summary>Services callable without a token: load balancers and tools must reach them.</summary>
    public static IReadOnlyList<string> OpenServices { get; } =
        ["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"];

    /// <summary>True for a method of an <see cref="OpenServices">open service</see>.</summary>
    public static bool IsOpen(string methodPath)
    {
        ArgumentNullException.ThrowIfNull(methodPath);
        return OpenServices.Any(service => methodPath.StartsWith("/" + service + "/", StringComparison.Ordinal));
    }
}
