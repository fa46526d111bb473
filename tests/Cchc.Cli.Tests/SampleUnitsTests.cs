using System.Text;
using Cchc.Api.Import;
using Cchc.Api.V1;
using Cchc.Cli.Units;

namespace Cchc.Cli.Tests;

public sealed class SampleUnitsTests
{
    [Fact]
    public async Task The_sample_reads_as_Hai_Duong_with_Tu_Ky_and_Ninh_Giang()
    {
        var provinces = await NationalUnitsFile.ReadAsync(Samples.Units);

        var province = Assert.Single(provinces);
        Assert.Equal(("30", 0, 2024), (province.ProvinceCode, province.FirstYear, province.LastYear));
        Assert.Equal(("Tỉnh Hải Dương", UnitLevel.Province), (province.Units[0].Name, province.Units[0].Level));
        var districts = province.Units.Where(u => u.Level == UnitLevel.District).ToList();
        Assert.Equal(["298 Huyện Tứ Kỳ", "299 Huyện Ninh Giang"], districts.Select(d => $"{d.Code} {d.Name}"));
        Assert.Equal(36, province.Units.Count(u => u.Level == UnitLevel.Commune));
        var quangKhai = Assert.Single(province.Units, u => u.Code == "11116");
        Assert.Equal(("Xã Quang Khải", "Xã", "298"), (quangKhai.Name, quangKhai.Type, quangKhai.ParentCode));
        Assert.All(province.Units, u => Assert.True(u.Name.IsNormalized(NormalizationForm.FormC), u.Code));
        Assert.All(province.Units.Where(u => u.Level == UnitLevel.Commune), u => Assert.Matches("^[0-9]{5}$", u.Code));
    }

    [Fact]
    public void A_large_province_is_streamed_in_chunks_that_keep_its_code_years_and_order()
    {
        var province = new ImportUnitsRequest { ProvinceCode = "01", FirstYear = 0, LastYear = 2024 };
        province.Units.AddRange(Enumerable.Range(0, 2500).Select(i => new Unit { Code = i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture) }));

        var chunks = UnitChunks.Split(province, 1000).ToList();

        Assert.Equal([1000, 1000, 500], chunks.Select(c => c.Chunk.Units.Count));
        Assert.All(chunks, c => Assert.Equal(("01", 0, 2024), (c.Chunk.ProvinceCode, c.Chunk.FirstYear, c.Chunk.LastYear)));
        Assert.Equal(province.Units, chunks.SelectMany(c => c.Chunk.Units));
    }

    [Fact]
    public void A_province_with_no_units_still_sends_one_chunk()
    {
        Assert.Single(UnitChunks.Split(new ImportUnitsRequest { ProvinceCode = "30" }));
    }

    [Fact]
    public async Task A_missing_province_is_refused_naming_the_ones_the_file_has()
    {
        var provinces = await UnitsFile.ReadAsync(Samples.Units, CancellationToken.None);

        var ex = Assert.Throws<CliInputException>(() => UnitsFile.Province(provinces, "01", "units.json"));

        Assert.Contains("has no province 01; it has 30", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_of_another_shape_is_refused_clearly()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cchc-units-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{"provinces": []}""");
        try
        {
            var ex = await Assert.ThrowsAsync<CliInputException>(() => UnitsFile.ReadAsync(path, CancellationToken.None));
            Assert.Contains("not a unit list in the national shape", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
