namespace Cchc.Security.Policy;

/// <summary>GetFramework: a framework is a public document the province issues, so any principal may read it.</summary>
public sealed record ReadFramework : CchcOperation
{
    public ReadFramework(string provinceCode) => ProvinceCode = Code(provinceCode, 2, nameof(provinceCode));

    public string ProvinceCode { get; }

    public override string Description => $"read the framework of province {ProvinceCode}";
}
