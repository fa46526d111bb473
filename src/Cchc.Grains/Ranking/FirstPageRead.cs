namespace Cchc.Grains.Ranking;

/// <summary>
/// A ranking's first page (or whole ranking) as <see cref="IRankingGrain.ReadFirstPageAsync"/> answers it: the id of
/// the view the ranking keeps, and the view itself unless the caller said it holds that id.
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.FirstPageRead")]
public sealed record FirstPageRead(Guid Id, RankingView? View);
