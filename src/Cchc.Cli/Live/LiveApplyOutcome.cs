namespace Cchc.Cli.Live;

/// <summary>What became of one message of the live ranking stream.</summary>
internal enum LiveApplyOutcome
{
    /// <summary>The view changed.</summary>
    Applied,

    /// <summary>An update the view already has (a repeat after resuming); ignored.</summary>
    Stale,

    /// <summary>Updates are missing before this one; nothing was applied. Reconnect and resume after <see cref="LiveRankingView.Version"/>.</summary>
    Gap,
}
