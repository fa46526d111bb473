namespace Cchc.Security.Policy;

/// <summary>SetDeadlines: the stage windows of a province, or of a district (up to 2024) of that province.</summary>
public sealed record SetDeadlines : CchcOperation
{
    public SetDeadlines(string scopeCode, string provinceCode)
    {
        ScopeCode = Scope(scopeCode, nameof(scopeCode));
        ProvinceCode = Code(provinceCode, 2, nameof(provinceCode));
    }

    /// <summary>The province's or a district's code, as the request names it.</summary>
    public string ScopeCode { get; }

    /// <summary>The province the scope belongs to (itself for a province).</summary>
    public string ProvinceCode { get; }

    public override string Description => ScopeCode == ProvinceCode
        ? $"set the deadlines of province {ProvinceCode}"
        : $"set the deadlines of district {ScopeCode} of province {ProvinceCode}";
}
