using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Cchc.Server.Tests.Fuzzing;

/// <summary>
/// Calls any method with raw bytes (a byte[] marshaller, so nothing on the client checks or fixes them), in the method's
/// own shape: unary, client stream (every payload sent, then completed), server stream, both. A stream's responses are
/// read until it ends or stays quiet for <see cref="FirstMessageWait"/> / <see cref="NextMessageWait"/> (a live watch
/// never ends); the fuzzer then cancels it, and says so in the outcome. Every call has a deadline of
/// <see cref="HangLimit"/>: a handler that has not answered by then hangs.
/// </summary>
internal sealed class RawCaller(CallInvoker invoker)
{
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan FirstMessageWait = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan NextMessageWait = TimeSpan.FromMilliseconds(100);

    private const int MaxMessages = 1000;

    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    public async Task<CallOutcome> CallAsync(MethodDescriptor descriptor, IReadOnlyList<byte[]> payloads, Metadata headers)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(payloads);
        var type = (descriptor.IsClientStreaming, descriptor.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (true, false) => MethodType.ClientStreaming,
            (false, true) => MethodType.ServerStreaming,
            _ => MethodType.DuplexStreaming,
        };
        var method = new Method<byte[], byte[]>(type, descriptor.Service.FullName, descriptor.Name, Bytes, Bytes);
        var options = new CallOptions(headers, DateTime.UtcNow + HangLimit);
        var responses = new List<byte[]>();
        try
        {
            switch (type)
            {
                case MethodType.Unary:
                    using (var call = invoker.AsyncUnaryCall(method, null, options, payloads[0]))
                    {
                        responses.Add(await call.ResponseAsync);
                    }

                    return new CallOutcome(StatusCode.OK, "", responses, false);
                case MethodType.ClientStreaming:
                    using (var call = invoker.AsyncClientStreamingCall(method, null, options))
                    {
                        await WriteAllAsync(call.RequestStream, payloads);
                        responses.Add(await call.ResponseAsync);
                    }

                    return new CallOutcome(StatusCode.OK, "", responses, false);
                case MethodType.ServerStreaming:
                    using (var call = invoker.AsyncServerStreamingCall(method, null, options, payloads[0]))
                    {
                        return await ReadAllAsync(call.ResponseStream, responses);
                    }

                default:
                    using (var call = invoker.AsyncDuplexStreamingCall(method, null, options))
                    {
                        await WriteAllAsync(call.RequestStream, payloads);
                        return await ReadAllAsync(call.ResponseStream, responses);
                    }
            }
        }
        catch (RpcException e)
        {
            return new CallOutcome(e.StatusCode, e.Status.Detail, responses, false);
        }
    }

    // A server that refuses early ends the call while messages are still being written: the write fails, the status
    // then comes from the response.
    private static async Task WriteAllAsync(IClientStreamWriter<byte[]> requests, IReadOnlyList<byte[]> payloads)
    {
        try
        {
            foreach (var payload in payloads)
            {
                await requests.WriteAsync(payload);
            }

            await requests.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException or IOException)
        {
        }
    }

    private static async Task<CallOutcome> ReadAllAsync(IAsyncStreamReader<byte[]> stream, List<byte[]> responses)
    {
        while (responses.Count < MaxMessages)
        {
            using var quiet = new CancellationTokenSource(responses.Count == 0 ? FirstMessageWait : NextMessageWait);
            try
            {
                if (!await stream.MoveNext(quiet.Token))
                {
                    return new CallOutcome(StatusCode.OK, "", responses, false);
                }
            }
            catch (Exception e) when (quiet.IsCancellationRequested && e is RpcException { StatusCode: StatusCode.Cancelled } or OperationCanceledException)
            {
                return new CallOutcome(StatusCode.Cancelled, "cut by the fuzzer: no message for a while", responses, true);
            }

            responses.Add(stream.Current);
        }

        return new CallOutcome(StatusCode.Cancelled, $"cut by the fuzzer after {MaxMessages} messages", responses, true);
    }
}
