using System.Diagnostics;
using Cchc.Testing.Fuzzing;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cchc.Server.Tests.Fuzzing;

/// <summary>
/// Every served method (<see cref="ServedMethods"/>) called with hostile bytes as every kind of caller: random bytes,
/// well-formed messages with hostile values, mutated valid messages (<see cref="PayloadKind"/>). After each call the
/// outcome must be one <see cref="StatusVerdict"/> allows, and a call that did not succeed must have committed nothing
/// to the database (<see cref="DatabaseVersion"/>; the calls run one at a time and the server has no background writer,
/// so the counter moves only for a call that wrote). After each method the server must still serve.
/// The run's seed and every failure's bytes are printed; CCHC_FUZZ_SEED, CCHC_FUZZ_ITERATIONS and CCHC_FUZZ_TARGET
/// replay or lengthen a run (deploy/fuzz/run.sh).
/// </summary>
public sealed class RpcFuzzTests(RpcFuzzFixture fixture, ITestOutputHelper output) : IClassFixture<RpcFuzzFixture>
{
    private const int MaxFailuresShown = 20;

    public static TheoryData<string> Methods => new(ServedMethods.All.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Hostile_requests_are_refused_cleanly_and_change_nothing(string method)
    {
        var settings = FuzzSettings.FromEnvironment();
        if (!settings.Includes(method))
        {
            output.WriteLine($"{method}: not selected by {FuzzSettings.TargetVariable}={settings.Target}");
            return;
        }

        var descriptor = ServedMethods.All[method];
        var random = new Random(settings.SeedFor(method));
        var generator = new MessageGenerator(random, fixture.Vocabulary);
        var real = fixture.RealRequests.GetValueOrDefault(method) ?? [];
        var failures = new List<FuzzFailure>();
        var kinds = new int[3];
        var codes = new SortedDictionary<StatusCode, int>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < settings.Iterations; i++)
        {
            var kind = (PayloadKind)(i % 3);
            var payloads = Enumerable.Range(0, descriptor.IsClientStreaming ? 1 + random.Next(3) : 1)
                .Select(_ => Payload(kind, descriptor.InputType, random, generator, real))
                .ToList();
            // The province administrator may do most, so goes deepest: a third of the calls are theirs.
            var (callerName, headers) = fixture.Callers[random.Next(3) == 0 ? RpcFuzzFixture.AdministratorIndex : random.Next(fixture.Callers.Count)];
            var before = fixture.Database.Read();
            var outcome = await fixture.Caller.CallAsync(descriptor, payloads, headers);
            var problem = StatusVerdict.Problem(descriptor, outcome);
            if (problem is null && outcome.Code != StatusCode.OK && fixture.Database.Read() != before)
            {
                problem = $"refused ({outcome.Code}: \"{outcome.Detail}\") but the database changed";
            }

            if (settings.Verbose)
            {
                output.WriteLine($"{i} {kind} as {callerName}: {outcome.Code} {outcome.Detail[..Math.Min(200, outcome.Detail.Length)]}");
            }

            kinds[(int)kind]++;
            codes[outcome.Code] = codes.GetValueOrDefault(outcome.Code) + 1;
            if (problem is not null)
            {
                failures.Add(new FuzzFailure(method, i, kind, callerName, problem, payloads));
            }
        }

        output.WriteLine($"{method}: seed {settings.Seed} (method seed {settings.SeedFor(method)}), {settings.Iterations} calls " +
            $"({kinds[0]} random bytes, {kinds[1]} structured, {kinds[2]} mutated) in {clock.Elapsed.TotalSeconds:0.0} s; " +
            string.Join(", ", codes.Select(c => $"{c.Key} {c.Value}")));
        foreach (var failure in failures.Take(MaxFailuresShown))
        {
            output.WriteLine($"FAILURE {failure}\n  saved to {failure.Save(Path.Combine(AppContext.BaseDirectory, "fuzz-failures"))}");
        }

        Assert.True(failures.Count == 0,
            $"{failures.Count} of {settings.Iterations} calls to {method} went wrong; replay with {settings.ReplayHint(method)}. " +
            $"First: {failures.FirstOrDefault()}");
        await fixture.AssertAliveAsync();
    }

    // Found by this fuzzer: grpc-dotnet parses unary and server-streaming requests before any interceptor, so bytes that
    // are not a message ended as UNKNOWN "Exception was thrown by handler." (and a client stream's as INTERNAL).
    [Theory]
    [InlineData("cchc.v1.ScoringService/GetScorecard")]
    [InlineData("cchc.v1.ExportService/ExportTable")]
    [InlineData("cchc.v1.RegistryService/StreamImportUnits")]
    public async Task Bytes_that_are_not_a_message_are_an_invalid_argument_in_every_call_shape(string method)
    {
        var descriptor = ServedMethods.All[method];
        var before = fixture.Database.Read();

        // A length-delimited field whose length runs past the end.
        var outcome = await fixture.Caller.CallAsync(descriptor, [[0x0A, 0x7F, 0x41]], fixture.Callers[RpcFuzzFixture.AdministratorIndex].Headers);

        Assert.Equal(StatusCode.InvalidArgument, outcome.Code);
        Assert.StartsWith($"The request to /{method} is not a valid {descriptor.InputType.Name} message: ", outcome.Detail, StringComparison.Ordinal);
        Assert.Null(StatusVerdict.Leak(outcome.Detail));
        Assert.Equal(before, fixture.Database.Read());
    }

    // Found by this fuzzer: a refusal quoting a huge code back made a status message bigger than the client's header
    // limit, so the caller saw a broken call (UNAVAILABLE, "HTTP headers length exceeded") instead of the refusal.
    [Fact]
    public async Task A_refusal_that_quotes_a_huge_input_still_reaches_the_caller_shortened()
    {
        var admin = fixture.Server.ClientAs(TestTokens.ProvinceAdmin(fixture.Target.Province));
        var request = new Api.V1.GetScorecardRequest { CommuneCode = new string('Đ', 30_000), Period = Rpc.Year(fixture.Target.Year) };

        var error = await Assert.ThrowsAsync<RpcException>(() => admin.Scoring.GetScorecardAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("commune_code 'ĐĐĐ", error.Status.Detail, StringComparison.Ordinal);
        Assert.EndsWith(" … (message shortened)", error.Status.Detail, StringComparison.Ordinal);

        // 'Đ' is two UTF-8 bytes, six once percent-encoded: the message keeps well under 8 KiB on the wire.
        Assert.InRange(error.Status.Detail.Length, 500, 8 * 1024 / 6);
    }

    private static byte[] Payload(PayloadKind kind, Google.Protobuf.Reflection.MessageDescriptor input, Random random, MessageGenerator generator, IReadOnlyList<byte[]> real)
    {
        switch (kind)
        {
            case PayloadKind.RandomBytes:
                var bytes = new byte[random.Next(20) == 0 ? random.Next(70_000) : random.Next(4) == 0 ? random.Next(1024) : random.Next(64)];
                random.NextBytes(bytes);
                return bytes;
            case PayloadKind.Structured:
                return random.Next(2) == 0 ? generator.Hostile(input) : generator.Plausible(input);
            default:
                var valid = real.Count > 0 && random.Next(2) == 0 ? real[random.Next(real.Count)] : generator.Plausible(input);
                var other = real.Count > 0 ? real[random.Next(real.Count)] : generator.Plausible(input);
                return ByteMutator.Mutate(valid, random, 2 * 1024 * 1024, other);
        }
    }
}
