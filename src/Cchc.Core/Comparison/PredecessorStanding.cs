namespace Cchc.Core.Comparison;

/// <summary>
/// A predecessor's own figures in the earlier period, its rank the one it held in its old scope.
/// <see cref="Contributed"/> marks the predecessors the new unit's earlier figure is formed from (<see cref="MergedStandings"/>).
/// </summary>
public sealed record PredecessorStanding(Predecessor Predecessor, Standing? Earlier, bool Contributed);
