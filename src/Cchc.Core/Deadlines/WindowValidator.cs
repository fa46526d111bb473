namespace Cchc.Core.Deadlines;

/// <summary>
/// Checks the windows a province sets for a scope and period, all at once, so one answer lists everything to fix:
/// each window names a stage, at most once, with two readable times and its close after its open; and the four
/// stages of the appraisal cycle (self-assessment, appraisal round 1, explanation, appraisal round 2) follow one
/// another in that order without overlap. The survey window is independent.
/// </summary>
public static class WindowValidator
{
    public static WindowValidation Validate(IReadOnlyList<WindowDraft> drafts)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var stageCount = Enum.GetValues<DeadlineStage>().Length;
        if (drafts.Count > stageCount)
        {
            return new WindowValidation([], [$"{drafts.Count} windows were given; there are {stageCount} stages, so give at most one window for each."]);
        }

        var problems = new List<string>();
        var windows = new List<StageWindow>();
        var firstOf = new Dictionary<DeadlineStage, int>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            var number = i + 1;
            if (draft.Stage is not { } stage || !Enum.IsDefined(stage))
            {
                problems.Add($"Window {number} names no stage; give one of {DeadlineStages.Choices}.");
                continue;
            }

            var label = $"Window {number} ({DeadlineStages.LowerName(stage)})";
            if (firstOf.TryGetValue(stage, out var first))
            {
                problems.Add($"{label}: {DeadlineStages.LowerName(stage)} is given twice (windows {first} and {number}); give each stage once.");
                continue;
            }

            firstOf[stage] = number;
            var opens = Time(draft.OpensAt, "opening", label, problems);
            var closes = Time(draft.ClosesAt, "closing", label, problems);
            if (opens is not { } o || closes is not { } c)
            {
                continue;
            }

            if (c <= o)
            {
                problems.Add(c == o
                    ? $"{label}: the window closes at the moment it opens ({VietnamTime.Opening(o)}, {VietnamTime.Zone}); give a close after the open."
                    : $"{label}: a window whose end precedes its start: it closes {VietnamTime.Closing(c)} before it opens {VietnamTime.Opening(o)} ({VietnamTime.Zone}); give a close after the open.");
                continue;
            }

            windows.Add(new StageWindow(stage, o, c));
        }

        problems.AddRange(SequenceProblems(windows));
        return new WindowValidation(problems.Count == 0 ? [.. windows.OrderBy(w => w.Stage)] : [], problems);
    }

    private static IEnumerable<string> SequenceProblems(List<StageWindow> windows)
    {
        // Consecutive stages among those given: with every window's close after its open, order between neighbours
        // gives order across the whole cycle.
        var sequence = DeadlineStages.Sequence.Select(s => windows.Find(w => w.Stage == s)).OfType<StageWindow>().ToList();
        for (var i = 1; i < sequence.Count; i++)
        {
            var (earlier, later) = (sequence[i - 1], sequence[i]);
            if (later.OpensAt >= earlier.ClosesAt)
            {
                continue;
            }

            var relation = later.ClosesAt <= earlier.OpensAt ? "comes before" : "overlaps";
            yield return $"{DeadlineStages.Name(later.Stage)} ({later.Span}) {relation} {DeadlineStages.LowerName(earlier.Stage)} ({earlier.Span}) ({VietnamTime.Zone}): " +
                $"the stages follow one another, so {DeadlineStages.LowerName(later.Stage)} may open at {VietnamTime.Opening(earlier.ClosesAt)} at the earliest.";
        }
    }

    private static DateTimeOffset? Time(string text, string which, string label, List<string> problems)
    {
        if (VietnamTime.TryParse(text, out var instant))
        {
            return instant;
        }

        problems.Add(string.IsNullOrWhiteSpace(text)
            ? $"{label}: the {which} time is missing; give an RFC 3339 time with its offset, e.g. 2023-10-31T23:59:59+07:00."
            : $"{label}: the {which} time '{Printable(text)}' is not an RFC 3339 time with an offset; write it like 2023-10-31T23:59:59+07:00.");
        return null;
    }

    private static string Printable(string text) => new([.. text.Take(40).Select(c => char.IsControl(c) ? '?' : c)]);
}
