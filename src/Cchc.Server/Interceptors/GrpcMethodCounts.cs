using Grpc.Core;

namespace Cchc.Server.Interceptors;

/// <summary>
/// One method's running totals behind <see cref="GrpcCallMetrics"/>' counters: calls started, in flight and handled by
/// status code, and messages read and written. A call adds to them with interlocked increments; the meter reads them
/// only when it is collected (a scrape).
/// </summary>
internal sealed class GrpcMethodCounts(KeyValuePair<string, object?>[] tags)
{
    // Indexed by status code; a code outside gRPC's 0 to 16 is counted as UNKNOWN, as gRPC's clients read one.
    private readonly long[] _handled = new long[GrpcCallMetrics.CodeCount];
    private long _started;
    private long _active;
    private long _received;
    private long _sent;

    /// <summary>grpc.service, grpc.method and grpc.type.</summary>
    public KeyValuePair<string, object?>[] Tags { get; } = tags;

    public long Started => Interlocked.Read(ref _started);

    public long Active => Interlocked.Read(ref _active);

    public long Received => Interlocked.Read(ref _received);

    public long Sent => Interlocked.Read(ref _sent);

    public void CallStarted()
    {
        Interlocked.Increment(ref _started);
        Interlocked.Increment(ref _active);
    }

    public void CallEnded(StatusCode code)
    {
        Interlocked.Decrement(ref _active);
        Interlocked.Increment(ref _handled[CodeIndex(code)]);
    }

    public void MessagesReceived(int count) => Interlocked.Add(ref _received, count);

    public void MessagesSent(int count) => Interlocked.Add(ref _sent, count);

    /// <summary>Calls that ended with <paramref name="code"/>.</summary>
    public long Handled(StatusCode code) => Interlocked.Read(ref _handled[CodeIndex(code)]);

    private static int CodeIndex(StatusCode code) => (uint)code < GrpcCallMetrics.CodeCount ? (int)code : (int)StatusCode.Unknown;
}
