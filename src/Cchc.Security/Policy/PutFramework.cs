namespace Cchc.Security.Policy;

/// <summary>PutFramework: a province's indicator framework for a year.</summary>
public sealed record PutFramework : CchcOperation
{
    public PutFramework(string provinceCode) => ProvinceCode = Code(provinceCode, 2, nameof(provinceCode));

    public string ProvinceCode { get; }

    public override string Description => $"store the framework of province {ProvinceCode}";
}
