using System.Text.Json;
using Cchc.Api.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Cchc.Cli.Tests;

/// <summary>Who may verify a scope's audit trail, and what a bad scope or period gets, at the real server.</summary>
public sealed class AuditAccessTests
{
    private static readonly Period Year2022 = new() { Year = 2022, Kind = PeriodKind.Year };

    [Fact]
    public async Task Only_the_province_administrator_and_national_viewers_verify_and_bad_scopes_or_periods_are_refused_clearly()
    {
        await using var server = await CchcServerProcess.StartAsync();
        var admin = await InProcessCli.TokenAsync(server, "--role province-admin --province 30");
        var (imported, output) = await InProcessCli.RunAsync($"units import --file {Samples.Units} --server {server.Address} --token {admin}");
        Assert.True(imported == ExitCodes.Success, output);
        using var channel = GrpcChannel.ForAddress(server.Address);
        var audit = new AuditService.AuditServiceClient(channel);
        async Task<VerifyAuditResponse> AsAsync(string role, VerifyAuditRequest request) =>
            await audit.VerifyAuditAsync(request, new CallOptions(new Metadata { { "authorization", "Bearer " + await InProcessCli.TokenAsync(server, role) } }));
        async Task<RpcException> RefusedAsync(string role, VerifyAuditRequest request) =>
            await Assert.ThrowsAsync<RpcException>(() => AsAsync(role, request));
        var province = new VerifyAuditRequest { ProvinceCode = "30", Period = Year2022 };

        var byAdmin = await AsAsync("--role province-admin --province 30", province);
        var byNational = await AsAsync("--role national-viewer", province);
        var district = await AsAsync("--role province-admin --province 30", new VerifyAuditRequest { ProvinceCode = "30", DistrictCode = "298", Period = Year2022 });

        // The sample registry: Tỉnh Hải Dương with 36 communes, Huyện Tứ Kỳ holding some of them. Nothing scored, nothing published.
        Assert.Equal((true, false, 36, 0L), (byAdmin.Intact, byAdmin.Published, byAdmin.CommuneCount, byAdmin.EntriesChecked));
        Assert.Equal(byAdmin, byNational);
        Assert.Equal(("298", CommunesOfDistrict("298")), (district.ScopeCode, district.CommuneCount));

        foreach (var role in new[] { "--role viewer --province 30", "--role commune-officer --province 30 --commune 11116", "--role appraiser --province 30", "--role province-admin --province 19" })
        {
            var denied = await RefusedAsync(role, province);
            Assert.True(denied.StatusCode == StatusCode.PermissionDenied, $"{role}: {denied.Status}");
            Assert.Contains("only a province administrator of province 30 or a national viewer may", denied.Status.Detail, StringComparison.Ordinal);
        }

        var national = "--role national-viewer";
        var unknownProvince = await RefusedAsync(national, new VerifyAuditRequest { ProvinceCode = "99", Period = Year2022 });
        var unknownDistrict = await RefusedAsync(national, new VerifyAuditRequest { ProvinceCode = "30", DistrictCode = "164", Period = Year2022 });
        var noPeriod = await RefusedAsync(national, new VerifyAuditRequest { ProvinceCode = "30" });
        var badHalf = await RefusedAsync(national, new VerifyAuditRequest { ProvinceCode = "30", Period = new Period { Year = 2022, Kind = PeriodKind.HalfYear, Number = 3 } });
        var badProvince = await RefusedAsync(national, new VerifyAuditRequest { ProvinceCode = "3", Period = Year2022 });
        var badDistrict = await RefusedAsync(national, new VerifyAuditRequest { ProvinceCode = "30", DistrictCode = "30", Period = Year2022 });

        Assert.Equal(
            [StatusCode.NotFound, StatusCode.NotFound, StatusCode.InvalidArgument, StatusCode.InvalidArgument, StatusCode.InvalidArgument, StatusCode.InvalidArgument],
            new[] { unknownProvince, unknownDistrict, noPeriod, badHalf, badProvince, badDistrict }.Select(e => e.StatusCode));
        Assert.Contains("99", unknownProvince.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("164", unknownDistrict.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("district_code '30'", badDistrict.Status.Detail, StringComparison.Ordinal);

        // And through the CLI: a refusal comes back with its status and a non-zero exit.
        var viewer = await InProcessCli.TokenAsync(server, "--role viewer --province 30");
        var cli = await InProcessCli.RunAsync($"audit verify --province 30 --year 2022 --server {server.Address} --token {viewer}");
        Assert.Equal(ExitCodes.Refused, cli.Code);
        Assert.Contains("The server refused (PERMISSION_DENIED):", cli.Output, StringComparison.Ordinal);
    }

    private static int CommunesOfDistrict(string district)
    {
        using var units = JsonDocument.Parse(File.ReadAllText(Samples.Units));
        return units.RootElement.GetProperty("data").EnumerateArray()
            .SelectMany(p => p.GetProperty("level2s").EnumerateArray())
            .Where(d => d.GetProperty("level2_id").GetString() == district)
            .Sum(d => d.GetProperty("level3s").GetArrayLength());
    }
}
