using Cchc.Api.V1;
using Cchc.Grpc;

namespace Cchc.Cli.Rpc;

/// <summary>Every RPC of the public API (protos/cchc/v1), described once for the CLI's calls.</summary>
internal static class CchcMethods
{
    public const string RegistryService = "cchc.v1.RegistryService";
    public const string FrameworkService = "cchc.v1.FrameworkService";
    public const string ScoringService = "cchc.v1.ScoringService";
    public const string RankingService = "cchc.v1.RankingService";

    public static readonly GrpcMethod<ImportUnitsRequest, ImportUnitsResponse> ImportUnits =
        new(GrpcMethodType.Unary, RegistryService, "ImportUnits");

    public static readonly GrpcMethod<StreamImportUnitsRequest, StreamImportUnitsResponse> StreamImportUnits =
        new(GrpcMethodType.ClientStreaming, RegistryService, "StreamImportUnits");

    public static readonly GrpcMethod<ListUnitsRequest, ListUnitsResponse> ListUnits =
        new(GrpcMethodType.Unary, RegistryService, "ListUnits");

    public static readonly GrpcMethod<PutFrameworkRequest, PutFrameworkResponse> PutFramework =
        new(GrpcMethodType.Unary, FrameworkService, "PutFramework");

    public static readonly GrpcMethod<GetFrameworkRequest, GetFrameworkResponse> GetFramework =
        new(GrpcMethodType.Unary, FrameworkService, "GetFramework");

    public static readonly GrpcMethod<SubmitScoresRequest, SubmitScoresResponse> SubmitScores =
        new(GrpcMethodType.Unary, ScoringService, "SubmitScores");

    public static readonly GrpcMethod<GetScorecardRequest, GetScorecardResponse> GetScorecard =
        new(GrpcMethodType.Unary, ScoringService, "GetScorecard");

    public static readonly GrpcMethod<GetLostPointsRequest, GetLostPointsResponse> GetLostPoints =
        new(GrpcMethodType.Unary, ScoringService, "GetLostPoints");

    public static readonly GrpcMethod<PublishPeriodRequest, PublishPeriodResponse> PublishPeriod =
        new(GrpcMethodType.Unary, ScoringService, "PublishPeriod");

    public static readonly GrpcMethod<GetRankingRequest, GetRankingResponse> GetRanking =
        new(GrpcMethodType.Unary, RankingService, "GetRanking");

    public static readonly GrpcMethod<GetUnitRankRequest, GetUnitRankResponse> GetUnitRank =
        new(GrpcMethodType.Unary, RankingService, "GetUnitRank");

    public static readonly GrpcMethod<CompareYearsRequest, CompareYearsResponse> CompareYears =
        new(GrpcMethodType.Unary, RankingService, "CompareYears");

    public static readonly GrpcMethod<WatchRankingRequest, WatchRankingResponse> WatchRanking =
        new(GrpcMethodType.ServerStreaming, RankingService, "WatchRanking");
}
