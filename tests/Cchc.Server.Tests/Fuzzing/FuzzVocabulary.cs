namespace Cchc.Server.Tests.Fuzzing;

/// <summary>
/// Values the seeded season knows (codes, items, years), so a random message often names real data and reaches deep
/// into a handler instead of stopping at "not found". The fuzzer picks them by field name only (a "*_code" field gets
/// a code, a "year" field a year): no method is described by hand.
/// </summary>
internal sealed record FuzzVocabulary(
    IReadOnlyList<string> ProvinceCodes,
    IReadOnlyList<string> DistrictCodes,
    IReadOnlyList<string> CommuneCodes,
    IReadOnlyList<string> UnitCodes,
    IReadOnlyList<string> ItemCodes,
    IReadOnlyList<int> Years,
    IReadOnlyList<string> Points,
    IReadOnlyList<string> Times,
    IReadOnlyList<string> Words)
{
    /// <summary>The words for a season of <paramref name="province"/> in <paramref name="year"/>, its communes and the test framework's items.</summary>
    public static FuzzVocabulary For(TinyProvince province, IEnumerable<string> itemCodes) => new(
        [province.Province],
        [province.District],
        province.Communes,
        [province.Province, province.District, .. province.Communes, "01", "001", "00101", "99", "99999"],
        [.. itemCodes],
        [province.Year, province.Year - 1, province.Year + 1, 2020, 1, 0, -1, 9999, 10000, int.MaxValue, int.MinValue],
        ["0", "1", "2", "2.5", "3", "0.25", "100", "-1", "1,5", "1e1", "NaN", "0.0000000000000000000000000001",
            "79228162514264337593543950335", "79228162514264337593543950336", "1.", ".5", "+1", "١٢", "１２"],
        [$"{province.Year}-01-01T00:00:00+07:00", $"{province.Year}-10-31T24:00:00+07:00", $"{province.Year}-12-31T23:59:59Z",
            $"31/10/{province.Year} 24:00", "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00-14:00", $"{province.Year}-13-45T99:99:99+07:00",
            "2024-02-30T00:00:00+07:00", "yesterday"],
        ["Xã Xếp Hạng 1", "Huyện Trực Tuyến", "Kế hoạch số 12/KH-UBND", "Tỉnh", "Huyện", "Xã", "Phường", "Thị trấn",
            "ranking", "RANKING", "cchc.v1.RegistryService", "grpc.health.v1.Health", "cchc.v1.Framework"]);
}
