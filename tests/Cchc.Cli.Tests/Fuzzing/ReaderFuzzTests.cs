using System.Text;
using Cchc.Api.V1;
using Cchc.Cli.Frameworks;
using Cchc.Cli.Scores;
using Cchc.Testing.Fuzzing;
using Google.Protobuf;
using Xunit.Abstractions;

namespace Cchc.Cli.Tests.Fuzzing;

/// <summary>
/// The tool's file readers fed mutated real files (deploy/samples): the framework JSON reader may only answer with a
/// framework or a <see cref="CliInputException"/> naming the file (its cause the protobuf JSON parser's own error), the
/// scores CSV reader only with items or errors that each name a line of the file; neither may throw anything else
/// (NullReference, IndexOutOfRange, InvalidCast...) or take more than <see cref="HangLimit"/> on one input.
/// Seeded like the RPC fuzzer (CCHC_FUZZ_SEED, CCHC_FUZZ_ITERATIONS; deploy/fuzz/run.sh).
/// </summary>
public sealed class ReaderFuzzTests(ITestOutputHelper output)
{
    private const string Source = "fuzzed-framework.json";

    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(10);

    // Pieces that break JSON in the ways a hand-edited file does, and values the protobuf mapping must refuse cleanly.
    private static readonly string[] JsonPieces =
    [
        "null", "[]", "{}", "\"", "\\", ",", ":", "}", "]", "{\"a\":", "\"\\ud800\"", "\"\\u0000\"", "1e400", "-0", "99999999999999999999",
        "NaN", "Infinity", "true", "\"maxPoints\": 1.5", "\"code\": [1]", "\"children\": {}", "\"method\": {\"ratio\": {}, \"manual\": {}}",
        "\"periodKinds\": [\"PERIOD_KIND_NOPE\"]", "\"periodKinds\": [99]", "\"target\": 4294967296", "\"target\": \"12\"", "/* */",
        "\uFEFF", "\"Xa\u0303\"", new string('[', 300), new string('{', 150),
    ];

    private static readonly string[] CsvPieces =
    [
        "\"", "\"\"", ",", ";", "\r", "\n", "\r\n", "\uFEFF", "\0", "1,4", "\"1,4\"", "-1", "99999999999999999999", "١٢", "yes", "không",
        "item_code", "points", "not_evaluated", "1.1.1", "01.1", "1..1", "9999.9999", new string(',', 500), new string('"', 301), "Xa\u0303",
    ];

    private static readonly Stage[] Stages = [Stage.SelfAssessment, Stage.AppraisalRound1, Stage.Explanation, Stage.Survey, Stage.Unspecified];

    [Fact]
    public async Task The_framework_reader_gives_a_framework_or_an_input_error_naming_the_file()
    {
        var settings = FuzzSettings.FromEnvironment();
        var random = new Random(settings.SeedFor(nameof(FrameworkFile)));
        var sample = await File.ReadAllBytesAsync(Samples.Framework);
        var small = Encoding.UTF8.GetBytes(FrameworkFile.Format(new Framework { Title = "Bộ chỉ số", TotalPoints = "10", Fields = { new FrameworkNode { Code = "1", Name = "Lĩnh vực", MaxPoints = "10" } } }));
        var (parsed, refused) = (0, 0);
        foreach (var (i, bytes) in Mutants(settings, random, sample, small, JsonPieces))
        {
            // As File.ReadAllTextAsync reads it: UTF-8, a bad byte read as U+FFFD.
            var json = Encoding.UTF8.GetString(bytes);
            var outcome = await RunAsync(() => FrameworkFile.Parse(json, Source), i, bytes, settings);
            switch (outcome)
            {
                case Framework:
                    parsed++;
                    break;
                case CliInputException input when input.Message.Contains(Source, StringComparison.Ordinal) &&
                    input.InnerException is InvalidProtocolBufferException or InvalidJsonException:
                    refused++;
                    break;
                default:
                    Assert.Fail(Failure(nameof(FrameworkFile), i, bytes, settings, outcome));
                    break;
            }
        }

        output.WriteLine($"{nameof(FrameworkFile)}: seed {settings.Seed} (reader seed {settings.SeedFor(nameof(FrameworkFile))}), {settings.Iterations * FuzzSettings.ReaderInputsPerIteration} inputs: {parsed} read, {refused} refused");
        Assert.True(refused > 0, "no input was refused: the mutations do not reach the reader's checks");
    }

    [Fact]
    public async Task The_scores_reader_gives_items_or_errors_naming_a_line_of_the_file()
    {
        var settings = FuzzSettings.FromEnvironment();
        var random = new Random(settings.SeedFor(nameof(ScoreCsv)));
        var sample = await File.ReadAllBytesAsync(Samples.SelfScores);
        var small = Encoding.UTF8.GetBytes("item_code;points;comment\r\n1.1;\"1,4\";\"Hai dòng\nghi chú\"\r\n2.3;2;\r\n");
        var (read, refused) = (0, 0);
        foreach (var (i, bytes) in Mutants(settings, random, sample, small, CsvPieces))
        {
            var stage = Stages[random.Next(Stages.Length)];
            var outcome = await RunAsync(() => ScoreCsv.Parse(bytes, stage), i, bytes, settings);
            if (outcome is not ScoreCsvResult result)
            {
                Assert.Fail(Failure(nameof(ScoreCsv), i, bytes, settings, outcome));
                return;
            }

            var problem = Problem(result, bytes);
            Assert.True(problem is null, problem is null ? "" : Failure(nameof(ScoreCsv), i, bytes, settings, problem));
            _ = result.IsValid ? read++ : refused++;
        }

        output.WriteLine($"{nameof(ScoreCsv)}: seed {settings.Seed} (reader seed {settings.SeedFor(nameof(ScoreCsv))}), {settings.Iterations * FuzzSettings.ReaderInputsPerIteration} inputs: {read} read, {refused} refused");
        Assert.True(refused > 0 && read > 0, $"{read} read and {refused} refused: the mutations do not reach both outcomes");
    }

    // Items only without errors; every error on a line the file has, with a message; every item a distinct item code.
    private static string? Problem(ScoreCsvResult result, byte[] bytes)
    {
        var lines = 1 + bytes.Count(b => b is (byte)'\n' or (byte)'\r');
        if (result.Errors.Count > 0)
        {
            return result.Items.Count > 0 ? $"{result.Items.Count} items returned with {result.Errors.Count} errors"
                : result.Errors.FirstOrDefault(e => e.Line < 1 || e.Line > lines || string.IsNullOrWhiteSpace(e.Message)) is { } bad
                    ? $"an error outside the file's {lines} lines or without a message: {bad}"
                    : null;
        }

        return result.Items.Count == 0 ? "neither items nor errors"
            : result.Items.FirstOrDefault(item => !Options.CliOptions.IsItemCode(item.ItemCode)) is { } odd ? $"an item with the code '{odd.ItemCode}'"
            : result.Items.Select(item => item.ItemCode).Distinct(StringComparer.Ordinal).Count() != result.Items.Count ? "an item twice"
            : null;
    }

    // A real file, or a small one, mutated at the byte level or with a few fragments spliced in.
    private static IEnumerable<(int Iteration, byte[] Bytes)> Mutants(FuzzSettings settings, Random random, byte[] sample, byte[] small, string[] pieces)
    {
        for (var i = 0; i < settings.Iterations * FuzzSettings.ReaderInputsPerIteration; i++)
        {
            var valid = random.Next(3) == 0 ? small : sample;
            yield return (i, random.Next(2) == 0
                ? ByteMutator.Mutate(valid, random, 1024 * 1024, valid == small ? sample : small)
                : Encoding.UTF8.GetBytes(Splice(Encoding.UTF8.GetString(valid), pieces, random)));
        }
    }

    private static string Splice(string text, string[] pieces, Random random)
    {
        var builder = new StringBuilder(text);
        for (var n = 1 + random.Next(3); n > 0; n--)
        {
            var at = random.Next(builder.Length + 1);
            if (random.Next(3) == 0 && at < builder.Length)
            {
                builder.Remove(at, Math.Min(builder.Length - at, 1 + random.Next(20)));
            }

            builder.Insert(at, pieces[random.Next(pieces.Length)]);
        }

        return builder.ToString();
    }

    // A reader that loops for ever must fail the test, not hang it: it runs on the pool, waited for HangLimit.
    private static async Task<object> RunAsync(Func<object> read, int iteration, byte[] bytes, FuzzSettings settings)
    {
        var work = Task.Run(() =>
        {
            try
            {
                return read();
            }
            catch (Exception e)
            {
                return e;
            }
        });
        try
        {
            return await work.WaitAsync(HangLimit);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException(Failure("reader", iteration, bytes, settings, $"no answer within {HangLimit.TotalSeconds} s"));
        }
    }

    private static string Failure(string reader, int iteration, byte[] bytes, FuzzSettings settings, object outcome) =>
        $"{reader} input {iteration}: {outcome}\n  replay with {settings.ReplayHint(reader)}\n  input ({bytes.Length} bytes): " +
        Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 2048)));
}
