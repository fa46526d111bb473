using Cchc.Api.V1;
using Cchc.Grpc;

namespace Cchc.Server.Tests;

/// <summary>The public API's methods, as a client names them.</summary>
internal static class Rpc
{
    public static readonly GrpcMethod<ImportUnitsRequest, ImportUnitsResponse> ImportUnits = new(GrpcMethodType.Unary, "cchc.v1.RegistryService", "ImportUnits");
    public static readonly GrpcMethod<StreamImportUnitsRequest, StreamImportUnitsResponse> StreamImportUnits = new(GrpcMethodType.ClientStreaming, "cchc.v1.RegistryService", "StreamImportUnits");
    public static readonly GrpcMethod<ListUnitsRequest, ListUnitsResponse> ListUnits = new(GrpcMethodType.Unary, "cchc.v1.RegistryService", "ListUnits");
    public static readonly GrpcMethod<PutFrameworkRequest, PutFrameworkResponse> PutFramework = new(GrpcMethodType.Unary, "cchc.v1.FrameworkService", "PutFramework");
    public static readonly GrpcMethod<GetFrameworkRequest, GetFrameworkResponse> GetFramework = new(GrpcMethodType.Unary, "cchc.v1.FrameworkService", "GetFramework");
    public static readonly GrpcMethod<SubmitScoresRequest, SubmitScoresResponse> SubmitScores = new(GrpcMethodType.Unary, "cchc.v1.ScoringService", "SubmitScores");
    public static readonly GrpcMethod<GetScorecardRequest, GetScorecardResponse> GetScorecard = new(GrpcMethodType.Unary, "cchc.v1.ScoringService", "GetScorecard");
    public static readonly GrpcMethod<GetLostPointsRequest, GetLostPointsResponse> GetLostPoints = new(GrpcMethodType.Unary, "cchc.v1.ScoringService", "GetLostPoints");
    public static readonly GrpcMethod<PublishPeriodRequest, PublishPeriodResponse> PublishPeriod = new(GrpcMethodType.Unary, "cchc.v1.ScoringService", "PublishPeriod");
    public static readonly GrpcMethod<GetRankingRequest, GetRankingResponse> GetRanking = new(GrpcMethodType.Unary, "cchc.v1.RankingService", "GetRanking");
    public static readonly GrpcMethod<GetUnitRankRequest, GetUnitRankResponse> GetUnitRank = new(GrpcMethodType.Unary, "cchc.v1.RankingService", "GetUnitRank");
    public static readonly GrpcMethod<CompareYearsRequest, CompareYearsResponse> CompareYears = new(GrpcMethodType.Unary, "cchc.v1.RankingService", "CompareYears");
    public static readonly GrpcMethod<WatchRankingRequest, WatchRankingResponse> WatchRanking = new(GrpcMethodType.ServerStreaming, "cchc.v1.RankingService", "WatchRanking");

    public static Period Year(int year) => new() { Year = year, Kind = PeriodKind.Year };
}
