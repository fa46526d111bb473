using System.Security.Cryptography;
using Cchc.Security.Tokens;
using Microsoft.Extensions.Configuration;

namespace Cchc.Security.Tests;

/// <summary>The Auth section as appsettings.json and environment variables give it.</summary>
public sealed class SecurityConfigurationTests : IDisposable
{
    private readonly string _pemFile = Path.Combine(Path.GetTempPath(), "cchc-pem-" + Guid.NewGuid().ToString("N") + ".pem");

    [Fact]
    public async Task Every_key_is_read_and_the_result_validates_tokens()
    {
        string key1 = SigningKey.Generate();
        string key2 = SigningKey.Generate();
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await File.WriteAllTextAsync(_pemFile, ecdsa.ExportSubjectPublicKeyInfoPem());

        CchcSecurityOptions options = Read(new()
        {
            ["Auth:Issuer"] = "snv-haiduong",
            ["Auth:Audience"] = "cchc-haiduong",
            ["Auth:SigningKeys:0"] = key1,
            ["Auth:SigningKeys:1"] = key2,
            ["Auth:PublicKeyFiles:0"] = _pemFile,
            ["Auth:ClockSkew"] = "00:00:30",
            ["Auth:AllowCrossProvinceUnpublishedReads"] = "true",
            ["Auth:RateLimit:PermitsPerSecond"] = "7",
            ["Auth:RateLimit:Burst"] = "20",
        });

        Assert.Equal("snv-haiduong", options.Tokens.Issuer);
        Assert.Equal("cchc-haiduong", options.Tokens.Audience);
        Assert.Equal([key1, key2], options.Tokens.SigningKeys);
        Assert.Single(options.Tokens.PublicKeysPem);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Tokens.ClockSkew);
        Assert.True(options.Policy.AllowCrossProvinceUnpublishedReads);
        Assert.Equal(7, options.RateLimit.PermitsPerSecond);
        Assert.Equal(20, options.RateLimit.Burst);
        string token = new DevelopmentTokenIssuer(options.Tokens).Issue(CchcPrincipal.Viewer("xem", "30"), TimeSpan.FromMinutes(5));
        Assert.True((await new CchcTokenValidator(options.Tokens).ValidateTokenAsync(token)).Succeeded);
    }

    [Fact]
    public void A_comma_separated_key_list_suits_an_environment_variable_and_defaults_fill_the_rest()
    {
        string key1 = SigningKey.Generate();
        string key2 = SigningKey.Generate();

        CchcSecurityOptions options = Read(new() { ["Auth:SigningKeys"] = $"{key1}, {key2}" });

        Assert.Equal([key1, key2], options.Tokens.SigningKeys);
        Assert.Equal("cchc", options.Tokens.Issuer);
        Assert.Equal("cchc-api", options.Tokens.Audience);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Tokens.ClockSkew);
        Assert.False(options.Policy.AllowCrossProvinceUnpublishedReads);
    }

    [Theory]
    [InlineData("Auth:ClockSkew", "two minutes", "Auth:ClockSkew must be a duration")]
    [InlineData("Auth:RateLimit:Burst", "-1", "Auth:RateLimit:Burst must be a whole number")]
    [InlineData("Auth:AllowCrossProvinceUnpublishedReads", "yes", "must be true or false")]
    [InlineData("Auth:PublicKeyFiles:0", "/nonexistent/cchc.pem", "Auth:PublicKeyFiles names '/nonexistent/cchc.pem'")]
    public void A_value_that_cannot_be_read_is_refused_naming_its_key(string key, string value, string expected)
    {
        var error = Assert.Throws<SecurityConfigurationException>(() => Read(new() { [key] = value }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_pemFile);

    private static CchcSecurityOptions Read(Dictionary<string, string?> values) =>
        CchcSecurityConfiguration.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(CchcSecurityConfiguration.SectionName));
}
