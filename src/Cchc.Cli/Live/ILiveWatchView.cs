using Cchc.Api.V1;

namespace Cchc.Cli.Live;

/// <summary>A client-side copy kept in step with the WatchRanking stream (the ranking table, the season's progress).</summary>
internal interface ILiveWatchView
{
    /// <summary>The last version applied.</summary>
    long Version { get; }

    /// <summary>False until the first snapshot arrived: before it, there is nothing to resume from.</summary>
    bool HasSnapshot { get; }

    /// <summary>What the copy is, for messages: "live ranking", "live progress".</summary>
    string Name { get; }

    LiveApplyOutcome Apply(WatchRankingResponse response);
}
