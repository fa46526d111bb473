using Cchc.Api.V1;
using Cchc.Grpc;

namespace Cchc.LoadGen.Workload;

/// <summary>The RPCs of the public API (protos/cchc/v1) the load generator calls.</summary>
internal static class BenchMethods
{
    public static readonly GrpcMethod<StreamImportUnitsRequest, StreamImportUnitsResponse> StreamImportUnits =
        new(GrpcMethodType.ClientStreaming, "cchc.v1.RegistryService", "StreamImportUnits");

    public static readonly GrpcMethod<PutFrameworkRequest, PutFrameworkResponse> PutFramework =
        new(GrpcMethodType.Unary, "cchc.v1.FrameworkService", "PutFramework");

    public static readonly GrpcMethod<SubmitScoresRequest, SubmitScoresResponse> SubmitScores =
        new(GrpcMethodType.Unary, "cchc.v1.ScoringService", "SubmitScores");

    public static readonly GrpcMethod<GetRankingRequest, GetRankingResponse> GetRanking =
        new(GrpcMethodType.Unary, "cchc.v1.RankingService", "GetRanking");

    public static readonly GrpcMethod<GetUnitRankRequest, GetUnitRankResponse> GetUnitRank =
        new(GrpcMethodType.Unary, "cchc.v1.RankingService", "GetUnitRank");

    public static readonly GrpcMethod<WatchRankingRequest, WatchRankingResponse> WatchRanking =
        new(GrpcMethodType.ServerStreaming, "cchc.v1.RankingService", "WatchRanking");
}
