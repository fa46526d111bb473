using Cchc.Api.V1;

namespace Cchc.Security.Policy;

/// <summary>SubmitScores: a batch at one stage for one commune, whose province (and district up to 2024) the server resolved.</summary>
public sealed record SubmitScores : CchcOperation
{
    public SubmitScores(Stage stage, string communeCode, string provinceCode, string? districtCode)
    {
        Stage = stage;
        CommuneCode = Code(communeCode, 5, nameof(communeCode));
        ProvinceCode = Code(provinceCode, 2, nameof(provinceCode));
        DistrictCode = districtCode is null ? null : Code(districtCode, 3, nameof(districtCode));
    }

    public Stage Stage { get; }

    public string CommuneCode { get; }

    public string ProvinceCode { get; }

    /// <summary>The commune's district in the period's year; null from 2025, when there are none.</summary>
    public string? DistrictCode { get; }

    public override string Description => Stage switch
    {
        Stage.SelfAssessment => $"self-assess commune {CommuneCode}",
        Stage.Explanation => $"write the explanation of commune {CommuneCode}",
        Stage.AppraisalRound1 or Stage.AppraisalRound2 when DistrictCode is not null => $"appraise commune {CommuneCode} of district {DistrictCode}",
        Stage.AppraisalRound1 or Stage.AppraisalRound2 => $"appraise commune {CommuneCode} of province {ProvinceCode}",
        Stage.Survey => $"enter survey points for commune {CommuneCode} of province {ProvinceCode}",
        _ => $"submit scores of an unspecified stage for commune {CommuneCode}",
    };
}
