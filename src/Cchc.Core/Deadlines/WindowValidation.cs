namespace Cchc.Core.Deadlines;

/// <summary>The windows read from a request, and every problem found; the windows stand only when there is none.</summary>
public sealed record WindowValidation(IReadOnlyList<StageWindow> Windows, IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
