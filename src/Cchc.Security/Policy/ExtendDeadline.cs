namespace Cchc.Security.Policy;

/// <summary>ExtendDeadline: more time for one commune at one stage, in a province's or a district's window.</summary>
public sealed record ExtendDeadline : CchcOperation
{
    public ExtendDeadline(string scopeCode, string provinceCode, string communeCode)
    {
        ScopeCode = Scope(scopeCode, nameof(scopeCode));
        ProvinceCode = Code(provinceCode, 2, nameof(provinceCode));
        CommuneCode = Code(communeCode, 5, nameof(communeCode));
    }

    /// <summary>The scope whose window is extended.</summary>
    public string ScopeCode { get; }

    /// <summary>The province the scope belongs to (itself for a province).</summary>
    public string ProvinceCode { get; }

    public string CommuneCode { get; }

    public override string Description => $"extend a deadline of {ScopeWords(ScopeCode)} for commune {CommuneCode}";
}
