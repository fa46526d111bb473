namespace Cchc.Security.Policy;

/// <summary>ImportUnits, and each province a StreamImportUnits chunk names.</summary>
public sealed record ImportUnits : CchcOperation
{
    public ImportUnits(string provinceCode) => ProvinceCode = Code(provinceCode, 2, nameof(provinceCode));

    public string ProvinceCode { get; }

    public override string Description => $"import units of province {ProvinceCode}";
}
