using System.Globalization;
using Cchc.Api.V1;
using Cchc.LoadGen.Workload;

namespace Cchc.LoadGen.Anchors;

/// <summary>
/// <c>cchc-bench make-request-file</c>: writes one gRPC-framed GetUnitRankRequest (5-byte header + message) for
/// <c>h2load --data</c>, which sends the file as every request's body.
/// </summary>
internal static class RequestFile
{
    public const string Usage = "Usage: cchc-bench make-request-file --out FILE [--unit CODE] [--scope CODE] [--year YEAR]";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        string? path = null;
        var request = new GetUnitRankRequest { UnitCode = "14755", ScopeCode = "38", Period = ScoreFactory.Period.Clone() };
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            switch (args[i])
            {
                case "--out":
                    path = args[i + 1];
                    break;
                case "--unit":
                    request.UnitCode = args[i + 1];
                    break;
                case "--scope":
                    request.ScopeCode = args[i + 1];
                    break;
                case "--year":
                    request.Period.Year = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new BenchException($"Unknown option {args[i]}. {Usage}");
            }
        }

        if (path is null || args.Count % 2 != 0)
        {
            throw new BenchException(Usage);
        }

        var frame = RawEndpoint.Frame(request);
        await File.WriteAllBytesAsync(path, frame, cancellationToken);
        await output.WriteLineAsync($"wrote {frame.Length} bytes to {path}: GetUnitRankRequest unit {request.UnitCode} scope {request.ScopeCode} year {request.Period.Year}");
        return 0;
    }
}
