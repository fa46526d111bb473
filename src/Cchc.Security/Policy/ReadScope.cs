namespace Cchc.Security.Policy;

/// <summary>GetRanking, GetUnitRank, CompareYears, WatchRanking: a province's or district's results.</summary>
public sealed record ReadScope : CchcOperation
{
    public ReadScope(string scopeCode, string provinceCode, bool published)
    {
        ScopeCode = Scope(scopeCode, nameof(scopeCode));
        ProvinceCode = Code(provinceCode, 2, nameof(provinceCode));
        Published = published;
    }

    public string ScopeCode { get; }

    /// <summary>The province the scope belongs to (itself for a province).</summary>
    public string ProvinceCode { get; }

    /// <summary>True once every period the call reads has been published for the scope.</summary>
    public bool Published { get; }

    public override string Description => Published
        ? $"read the published results of {ScopeWords(ScopeCode)}"
        : ScopeCode == ProvinceCode
            ? $"read the unpublished results of province {ProvinceCode}"
            : $"read the unpublished results of district {ScopeCode} of province {ProvinceCode}";
}
