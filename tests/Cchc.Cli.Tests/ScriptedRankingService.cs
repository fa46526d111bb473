using System.Collections.Concurrent;
using Cchc.Api.V1;
using Grpc.Core;

namespace Cchc.Cli.Tests;

/// <summary>
/// A RankingService whose answers a test scripts, recording what each call brought (resume versions, the
/// authorization header) so the test can check what the client sent over the wire.
/// </summary>
internal sealed class ScriptedRankingService : RankingService.RankingServiceBase
{
    public ConcurrentQueue<long> Resumes { get; } = new();

    public ConcurrentQueue<string?> Authorizations { get; } = new();

    public Func<GetRankingRequest, GetRankingResponse> Ranking { get; init; } = _ => new GetRankingResponse();

    public Func<WatchRankingRequest, IServerStreamWriter<WatchRankingResponse>, ServerCallContext, Task> Watch { get; init; } = (_, _, _) => Task.CompletedTask;

    public override Task<GetRankingResponse> GetRanking(GetRankingRequest request, ServerCallContext context)
    {
        Authorizations.Enqueue(context.RequestHeaders.GetValue("authorization"));
        return Task.FromResult(Ranking(request));
    }

    public override Task WatchRanking(WatchRankingRequest request, IServerStreamWriter<WatchRankingResponse> responseStream, ServerCallContext context)
    {
        Authorizations.Enqueue(context.RequestHeaders.GetValue("authorization"));
        Resumes.Enqueue(request.ResumeAfterVersion);
        return Watch(request, responseStream, context);
    }
}
