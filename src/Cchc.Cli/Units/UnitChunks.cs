using Cchc.Api.V1;

namespace Cchc.Cli.Units;

/// <summary>Splits a province's import into chunks of the client stream, each naming the province and its years.</summary>
internal static class UnitChunks
{
    public const int DefaultMaxUnits = 1000;

    public static IEnumerable<StreamImportUnitsRequest> Split(ImportUnitsRequest province, int maxUnits = DefaultMaxUnits)
    {
        ArgumentNullException.ThrowIfNull(province);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxUnits, 1);
        for (var start = 0; start == 0 || start < province.Units.Count; start += maxUnits)
        {
            var chunk = new ImportUnitsRequest
            {
                ProvinceCode = province.ProvinceCode,
                FirstYear = province.FirstYear,
                LastYear = province.LastYear,
            };
            chunk.Units.AddRange(province.Units.Skip(start).Take(maxUnits));
            yield return new StreamImportUnitsRequest { Chunk = chunk };
        }
    }
}
