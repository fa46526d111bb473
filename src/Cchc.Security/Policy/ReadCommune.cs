namespace Cchc.Security.Policy;

/// <summary>GetScorecard, GetLostPoints: one commune's scores.</summary>
public sealed record ReadCommune : CchcOperation
{
    public ReadCommune(string communeCode, string provinceCode, bool published)
    {
        CommuneCode = Code(communeCode, 5, nameof(communeCode));
        ProvinceCode = Code(provinceCode, 2, nameof(provinceCode));
        Published = published;
    }

    public string CommuneCode { get; }

    public string ProvinceCode { get; }

    /// <summary>True once the period has been published for the commune's province or district.</summary>
    public bool Published { get; }

    public override string Description => Published
        ? $"read the published scores of commune {CommuneCode}"
        : $"read the unpublished scores of commune {CommuneCode} of province {ProvinceCode}";
}
