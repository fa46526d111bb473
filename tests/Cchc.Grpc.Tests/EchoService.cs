using System.Collections.Concurrent;
using System.Text;
using Cchc.Grpc.Tests.Echo;
using Google.Protobuf;

namespace Cchc.Grpc.Tests;

/// <summary>The test service: every call shape, chosen failures, a slow method the tests can hold and release.</summary>
public sealed class EchoService
{
    public const string ServiceName = "cchc.testing.v1.EchoService";

    public static readonly GrpcMethod<EchoRequest, EchoReply> Echo = new(GrpcMethodType.Unary, ServiceName, "Echo");
    public static readonly GrpcMethod<StreamRequest, EchoReply> ServerStream = new(GrpcMethodType.ServerStreaming, ServiceName, "ServerStream");
    public static readonly GrpcMethod<EchoRequest, EchoReply> ClientStream = new(GrpcMethodType.ClientStreaming, ServiceName, "ClientStream");
    public static readonly GrpcMethod<EchoRequest, EchoReply> Bidi = new(GrpcMethodType.DuplexStreaming, ServiceName, "Bidi");
    public static readonly GrpcMethod<FailRequest, EchoReply> Fail = new(GrpcMethodType.Unary, ServiceName, "Fail");
    public static readonly GrpcMethod<SlowRequest, EchoReply> Slow = new(GrpcMethodType.Unary, ServiceName, "Slow");
    public static readonly GrpcMethod<EchoRequest, MetadataReply> EchoMetadata = new(GrpcMethodType.Unary, ServiceName, "EchoMetadata");

    private readonly ConcurrentDictionary<string, SlowProbe> _probes = new(StringComparer.Ordinal);

    /// <summary>What the Slow handler for a probe name saw: that it started, and whether its token was cancelled.</summary>
    public SlowProbe Probe(string name) => _probes.GetOrAdd(name, _ => new SlowProbe());

    public void Register(GrpcServiceRegistry registry)
    {
        registry
            .AddUnary(Echo, (request, context) => Task.FromResult(new EchoReply
            {
                Message = request.Message,
                Payload = request.ReplyPayloadSize > 0 ? ByteString.CopyFrom(new byte[request.ReplyPayloadSize]) : request.Payload,
                Count = 1,
            }))
            .AddServerStreaming(ServerStream, async (request, responses, context) =>
            {
                for (int i = 1; i <= request.Count; i++)
                {
                    await responses.WriteAsync(new EchoReply
                    {
                        Message = $"{request.Message} {i}",
                        Count = i,
                        Payload = ByteString.CopyFrom(new byte[request.PayloadSize]),
                    });
                }
            })
            .AddClientStreaming(ClientStream, async (requests, context) =>
            {
                var parts = new List<string>();
                await foreach (EchoRequest request in requests)
                {
                    parts.Add(request.Message);
                }

                return new EchoReply { Message = string.Join('|', parts), Count = parts.Count };
            })
            .AddDuplexStreaming(Bidi, async (requests, responses, context) =>
            {
                int count = 0;
                await foreach (EchoRequest request in requests)
                {
                    await responses.WriteAsync(new EchoReply { Message = request.Message, Count = ++count });
                }
            })
            .AddUnary(Fail, (request, context) =>
            {
                if (request.Code == (int)GrpcStatusCode.Unknown)
                {
                    throw new InvalidOperationException("secret internal detail: connection string Host=db;Password=hunter2");
                }

                var trailers = new GrpcMetadata { { "fail-reason", "requested" } };
                throw new GrpcStatusException((GrpcStatusCode)request.Code, request.Message, trailers);
            })
            .AddUnary(Slow, async (request, context) =>
            {
                SlowProbe probe = Probe(request.Probe);
                probe.Started.TrySetResult();
                try
                {
                    Task delay = request.DelayMs > 0 ? Task.Delay(request.DelayMs, context.CancellationToken) : Task.Delay(Timeout.Infinite, context.CancellationToken);
                    await Task.WhenAny(delay, probe.Release.Task).Unwrap().WaitAsync(context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    probe.Cancelled.TrySetResult(true);
                    throw;
                }

                return new EchoReply { Message = "done" };
            })
            .AddUnary(EchoMetadata, async (request, context) =>
            {
                var reply = new MetadataReply();
                foreach (GrpcMetadataEntry entry in context.RequestHeaders)
                {
                    reply.Entries.Add(entry.IsBinary
                        ? new MetadataEntry { Key = entry.Key, BinaryValue = ByteString.CopyFrom(entry.ValueBytes.Span) }
                        : new MetadataEntry { Key = entry.Key, Value = entry.Value });
                }

                context.ResponseHeaders.Add("x-response-header", "hello");
                context.ResponseHeaders.Add("x-response-bin", Encoding.UTF8.GetBytes("Xin chào"));
                if (request.Message == "headers-first")
                {
                    await context.WriteResponseHeadersAsync();
                }

                context.ResponseTrailers.Add("x-trailer", "bye");
                context.ResponseTrailers.Add("x-trailer-bin", new byte[] { 0, 1, 2, 254, 255 });
                return reply;
            })
            .AddFileDescriptor(EchoReflection.Descriptor);
    }
}
