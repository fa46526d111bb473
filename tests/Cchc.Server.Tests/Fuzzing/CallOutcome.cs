using Grpc.Core;

namespace Cchc.Server.Tests.Fuzzing;

/// <summary>How one raw call ended: its status, the response messages read, and whether the fuzzer itself cut the stream.</summary>
internal sealed record CallOutcome(StatusCode Code, string Detail, IReadOnlyList<byte[]> Responses, bool CutByClient);
