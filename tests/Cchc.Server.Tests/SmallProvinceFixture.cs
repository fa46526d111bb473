using Cchc.Api.V1;

namespace Cchc.Server.Tests;

/// <summary>A running server shared by the bad-input and interop tests: each uses its own made-up province code.</summary>
public sealed class SmallProvinceFixture : IAsyncLifetime
{
    public const string Province = "98";
    public const int Year = 2024;

    internal RunningServer Server { get; private set; } = null!;

    internal static string[] Communes { get; } = ["98001", "98002", "98003"];

    public async Task InitializeAsync()
    {
        Server = await RunningServer.StartAsync();
        var import = new ImportUnitsRequest { ProvinceCode = Province, FirstYear = 2020, LastYear = 2024 };
        import.Units.Add(new Unit { Code = Province, Name = "Tỉnh Thử Nghiệm", Level = UnitLevel.Province, Type = "Tỉnh" });
        import.Units.Add(new Unit { Code = "981", Name = "Huyện Đồng Hỷ", Level = UnitLevel.District, Type = "Huyện", ParentCode = Province });
        import.Units.Add(Communes.Select((c, i) => new Unit { Code = c, Name = $"Xã Ấp {i}", Level = UnitLevel.Commune, Type = "Xã", ParentCode = "981" }));
        await Server.Client.UnaryAsync(Rpc.ImportUnits, import);
        await Server.Client.UnaryAsync(Rpc.PutFramework, SeasonFramework.ToRequest(Province, Year));
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
