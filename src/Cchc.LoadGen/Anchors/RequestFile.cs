using System.Globalization;
using Cchc.Api.V1;
using Cchc.LoadGen.Workload;
using Google.Protobuf;

namespace Cchc.LoadGen.Anchors;

/// <summary>
/// <c>cchc-bench make-request-file</c>: writes one gRPC-framed request (5-byte header + message) for
/// <c>h2load --data</c>, which sends the file as every request's body: a GetUnitRankRequest, or with
/// <c>--page-size</c> a GetRankingRequest for the scope's first page of that size (20: the top 20).
/// </summary>
internal static class RequestFile
{
    public const string Usage = "Usage: cchc-bench make-request-file --out FILE [--unit CODE] [--scope CODE] [--year YEAR] [--page-size N]";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        string? path = null;
        int? pageSize = null;
        var unitRank = new GetUnitRankRequest { UnitCode = "14755", ScopeCode = "38", Period = ScoreFactory.Period.Clone() };
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            switch (args[i])
            {
                case "--out":
                    path = args[i + 1];
                    break;
                case "--unit":
                    unitRank.UnitCode = args[i + 1];
                    break;
                case "--scope":
                    unitRank.ScopeCode = args[i + 1];
                    break;
                case "--year":
                    unitRank.Period.Year = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--page-size":
                    pageSize = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new BenchException($"Unknown option {args[i]}. {Usage}");
            }
        }

        if (path is null || args.Count % 2 != 0 || pageSize <= 0)
        {
            throw new BenchException(Usage);
        }

        IMessage request = pageSize is { } size
            ? new GetRankingRequest { ScopeCode = unitRank.ScopeCode, Period = unitRank.Period, PageSize = size }
            : unitRank;
        var frame = RawEndpoint.Frame(request);
        await File.WriteAllBytesAsync(path, frame, cancellationToken);
        await output.WriteLineAsync(pageSize is null
            ? $"wrote {frame.Length} bytes to {path}: GetUnitRankRequest unit {unitRank.UnitCode} scope {unitRank.ScopeCode} year {unitRank.Period.Year}"
            : $"wrote {frame.Length} bytes to {path}: GetRankingRequest scope {unitRank.ScopeCode} year {unitRank.Period.Year} page size {pageSize}");
        return 0;
    }
}
