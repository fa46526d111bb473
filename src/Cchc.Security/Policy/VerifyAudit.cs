namespace Cchc.Security.Policy;

/// <summary>VerifyAudit: walks the audit trail of a province, or of a district of it, for one period.</summary>
public sealed record VerifyAudit : CchcOperation
{
    public VerifyAudit(string scopeCode, string provinceCode)
    {
        ScopeCode = Scope(scopeCode, nameof(scopeCode));
        ProvinceCode = Code(provinceCode, 2, nameof(provinceCode));
    }

    /// <summary>The province, or the district, whose communes are verified.</summary>
    public string ScopeCode { get; }

    /// <summary>The province the scope belongs to (itself for a province).</summary>
    public string ProvinceCode { get; }

    public override string Description => ScopeCode == ProvinceCode
        ? $"verify the audit trail of province {ProvinceCode}"
        : $"verify the audit trail of district {ScopeCode} of province {ProvinceCode}";
}
