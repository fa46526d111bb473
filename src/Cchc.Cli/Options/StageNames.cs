using Cchc.Api.V1;

namespace Cchc.Cli.Options;

/// <summary>
/// The stage names people type: self, appraisal-1, explanation, appraisal-2, survey, or the long forms the deadline
/// commands print (self-assessment, appraisal-round-1, appraisal-round-2), accepted wherever a stage is asked for.
/// </summary>
internal static class StageNames
{
    private static readonly (string Name, Stage Stage)[] LongNames =
    [
        ("self-assessment", Stage.SelfAssessment),
        ("appraisal-round-1", Stage.AppraisalRound1),
        ("appraisal-round-2", Stage.AppraisalRound2),
    ];

    private static readonly (string Name, Stage Stage)[] Names =
    [
        ("self", Stage.SelfAssessment),
        ("appraisal-1", Stage.AppraisalRound1),
        ("explanation", Stage.Explanation),
        ("appraisal-2", Stage.AppraisalRound2),
        ("survey", Stage.Survey),
    ];

    public static string Choices => string.Join(", ", Names.Select(n => n.Name));

    /// <summary>Every name with its long form where it has one: "self-assessment (self), ...".</summary>
    public static string ChoicesWithLongNames => string.Join(", ", Names.Select(n =>
        LongNames.FirstOrDefault(l => l.Stage == n.Stage).Name is { } longName ? $"{longName} ({n.Name})" : n.Name));

    public static bool TryParse(string text, out Stage stage)
    {
        foreach (var (name, value) in Names.Concat(LongNames))
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                stage = value;
                return true;
            }
        }

        stage = Stage.Unspecified;
        return false;
    }

    public static string NameOf(Stage stage) => Names.FirstOrDefault(n => n.Stage == stage).Name ?? stage.ToString();

    /// <summary>The long name people read back: self-assessment, appraisal-round-1, explanation, appraisal-round-2, survey.</summary>
    public static string LongNameOf(Stage stage) => LongNames.FirstOrDefault(n => n.Stage == stage).Name ?? NameOf(stage);

    /// <summary>The Vietnamese name officials use.</summary>
    public static string VietnameseName(Stage stage) => stage switch
    {
        Stage.SelfAssessment => "Tự đánh giá",
        Stage.AppraisalRound1 => "Thẩm định vòng 1",
        Stage.Explanation => "Giải trình",
        Stage.AppraisalRound2 => "Thẩm định vòng 2",
        Stage.Survey => "Điều tra xã hội học",
        _ => stage.ToString(),
    };
}
