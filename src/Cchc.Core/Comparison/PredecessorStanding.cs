namespace Cchc.Core.Comparison;

/// <summary>A predecessor's figures in the earlier period; <see cref="IsBasis"/> marks the one the headline change is measured from.</summary>
public sealed record PredecessorStanding(Predecessor Predecessor, Standing? Earlier, bool IsBasis);
