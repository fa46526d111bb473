using Cchc.Api.V1;

namespace Cchc.Cli.Scores;

/// <summary>The items read from a scores file, or every problem found; items are only given when there is none.</summary>
internal sealed record ScoreCsvResult(IReadOnlyList<ItemScore> Items, IReadOnlyList<ScoreCsvError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
