using System.Text.Json;
using Cchc.Api.Import;
using Cchc.Api.V1;

namespace Cchc.Cli.Units;

/// <summary>Reads a national unit list (or a sample in the same shape), turning file problems into clear input errors.</summary>
internal static class UnitsFile
{
    public static async Task<IReadOnlyList<ImportUnitsRequest>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await NationalUnitsFile.ReadAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"Cannot read the units file '{path}': {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new CliInputException(
                $"'{path}' is not a unit list in the national shape (data[] of level1_id, name, level2s[] ...): {ex.Message}", ex);
        }
    }

    public static ImportUnitsRequest Province(IReadOnlyList<ImportUnitsRequest> provinces, string code, string path)
    {
        ArgumentNullException.ThrowIfNull(provinces);
        return provinces.FirstOrDefault(p => p.ProvinceCode == code)
            ?? throw new CliInputException(
                $"The units file '{path}' has no province {code}; it has {string.Join(", ", provinces.Select(p => p.ProvinceCode).Take(70))}.");
    }
}
