using Cchc.Core;
using Cchc.Grains;
using Cchc.Server.Services;
using Grpc.Core;
using Orleans.Runtime;
using Orleans.Storage;

namespace Cchc.Server.Tests;

/// <summary>What the error interceptor makes of each exception a handler may let through.</summary>
public sealed class ApiErrorsTests
{
    public static TheoryData<Exception, StatusCode, string> Mapped { get; } = new()
    {
        { RequestRejectedException.NotFound("Xã 98999 không có"), StatusCode.NotFound, "Xã 98999 không có" },
        { RequestRejectedException.Precondition("Kỳ đã công bố"), StatusCode.FailedPrecondition, "Kỳ đã công bố" },
        { RequestRejectedException.Invalid("Điểm vượt tối đa"), StatusCode.InvalidArgument, "Điểm vượt tối đa" },
        { new RequestRejectedException(RejectionKind.PermissionDenied, "Không được phép"), StatusCode.PermissionDenied, "Không được phép" },
        { RequestRejectedException.Aborted("Ghi đồng thời"), StatusCode.Aborted, "Ghi đồng thời" },
        { new RequestRejectedException(RejectionKind.ResourceExhausted, "Quá nhiều luồng theo dõi"), StatusCode.ResourceExhausted, "Quá nhiều luồng theo dõi" },
        { new StorageUnavailableException("The database did not answer; retry shortly."), StatusCode.Unavailable, "The database did not answer; retry shortly." },
        { new InconsistentStateException("etag mismatch"), StatusCode.Aborted, ApiErrors.ConflictMessage },
        { new SiloUnavailableException("silo S127.0.0.1:11111 is dead"), StatusCode.Unavailable, ApiErrors.ClusterMessage },
        { new TimeoutException("grain call took 30 s"), StatusCode.Unavailable, ApiErrors.OverloadedMessage },
        { new InvalidOperationException("connection string Host=db;Password=secret"), StatusCode.Internal, ApiErrors.InternalMessage },
        { new TaskCanceledException("grain activation cancelled, not by the caller"), StatusCode.Unavailable, ApiErrors.ClusterMessage },
    };

    [Theory]
    [MemberData(nameof(Mapped))]
    public void Each_exception_becomes_its_status_and_an_unexpected_one_is_internal_without_its_text(Exception exception, StatusCode code, string message)
    {
        var status = ApiErrors.ToStatus(exception, new FakeCallContext(CancellationToken.None));

        Assert.NotNull(status);
        Assert.Equal((code, message), (status.StatusCode, status.Status.Detail));
        Assert.Equal(code == StatusCode.Internal, ApiErrors.IsUnexpected(status));
    }

    [Fact]
    public void While_the_server_stops_an_unexpected_failure_is_unavailable_and_a_refusal_keeps_its_status()
    {
        var context = new FakeCallContext(CancellationToken.None);

        var failed = ApiErrors.ToStatus(new ObjectDisposedException("RankingHub"), context, serverStopping: true);
        var refused = ApiErrors.ToStatus(RequestRejectedException.NotFound("Xã 98999 không có"), context, serverStopping: true);

        Assert.Equal((StatusCode.Unavailable, ApiErrors.ShuttingDownMessage), (failed!.StatusCode, failed.Status.Detail));
        Assert.Equal(StatusCode.NotFound, refused!.StatusCode);
    }

    [Fact]
    public void A_status_and_the_caller_cancelling_pass_as_they_are()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Null(ApiErrors.ToStatus(new RpcException(new Status(StatusCode.NotFound, "x")), new FakeCallContext(CancellationToken.None)));
        Assert.Null(ApiErrors.ToStatus(new OperationCanceledException(cancelled.Token), new FakeCallContext(cancelled.Token)));
    }

    private sealed class FakeCallContext(CancellationToken cancellationToken) : ServerCallContext
    {
        protected override string MethodCore => "/cchc.v1.ScoringService/SubmitScores";

        protected override string HostCore => "localhost";

        protected override string PeerCore => "ipv4:127.0.0.1:1";

        protected override DateTime DeadlineCore => DateTime.MaxValue;

        protected override Metadata RequestHeadersCore { get; } = [];

        protected override CancellationToken CancellationTokenCore => cancellationToken;

        protected override Metadata ResponseTrailersCore { get; } = [];

        protected override Status StatusCore { get; set; }

        protected override WriteOptions? WriteOptionsCore { get; set; }

        protected override AuthContext AuthContextCore => new(null, []);

        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
