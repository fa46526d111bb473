namespace Cchc.Grains.Ranking;

/// <summary>
/// A period's places by unit code (see <see cref="IRankingGrain.GetStandingsAsync"/>), and whether they are final: a
/// published period takes no more scores and no new framework, so its places never change and the next period keeps
/// them. Immutable: Orleans hands the dictionary over without copying it.
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.Standings")]
public sealed record Standings(IReadOnlyDictionary<string, PreviousStanding> Places, bool Final);
