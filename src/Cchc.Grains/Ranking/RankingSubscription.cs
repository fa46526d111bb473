namespace Cchc.Grains.Ranking;

/// <summary>
/// A hub's subscription to a ranking: the activation it reached (<see cref="Epoch"/>, new at every activation and
/// rebuild) and its version then. A different epoch on renewal means events may have been missed.
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.RankingSubscription")]
public sealed record RankingSubscription(Guid Epoch, long Version);
