namespace Cchc.Security.Tests;

/// <summary>Principals are made only with a scope that fits their role.</summary>
public sealed class PrincipalTests
{
    [Fact]
    public void Each_role_prints_its_scope_for_messages_and_the_audit_log()
    {
        Assert.Equal("ubnd.quangkhai (commune officer of commune 11116)", CchcPrincipal.CommuneOfficer("ubnd.quangkhai", "30", "11116").AuditName);
        Assert.Equal("hdtd.tuky (appraiser of district 298)", CchcPrincipal.Appraiser("hdtd.tuky", "30", "298").AuditName);
        Assert.Equal("hdtd.haiduong (appraiser of province 30)", CchcPrincipal.Appraiser("hdtd.haiduong", "30").AuditName);
        Assert.Equal("snv.haiduong (province administrator of province 30)", CchcPrincipal.ProvinceAdmin("snv.haiduong", "30").AuditName);
        Assert.Equal("xem (viewer of province 30)", CchcPrincipal.Viewer("xem", "30").AuditName);
        Assert.Equal("bonoivu (national viewer)", CchcPrincipal.NationalViewer("bonoivu").AuditName);
        Assert.True(CchcPrincipal.NationalViewer("bonoivu").IsNational);
        Assert.False(CchcPrincipal.Viewer("xem", "30").IsNational);
    }

    [Theory]
    [InlineData("", "subject (sub) is missing")]
    [InlineData("a\nb", "no control characters")]
    public void A_subject_must_be_a_plain_identity(string subject, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => CchcPrincipal.Viewer(subject, "30"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scope_that_does_not_fit_the_role_is_refused()
    {
        Assert.Contains("5 digits", Assert.Throws<ArgumentException>(() => CchcPrincipal.CommuneOfficer("x", "30", "1111")).Message, StringComparison.Ordinal);
        Assert.Contains("3 digits", Assert.Throws<ArgumentException>(() => CchcPrincipal.Appraiser("x", "30", "2980")).Message, StringComparison.Ordinal);
        Assert.Contains("has no district scope", Assert.Throws<ArgumentException>(() =>
            CchcPrincipal.Create("x", CchcRole.CommuneOfficer, "30", "298", "11116")).Message, StringComparison.Ordinal);
        Assert.Contains("is not a role", Assert.Throws<ArgumentException>(() =>
            CchcPrincipal.Create("x", (CchcRole)42, "30", null, null)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Role_names_round_trip_and_nothing_else_parses()
    {
        foreach (CchcRole role in Enum.GetValues<CchcRole>())
        {
            Assert.True(CchcRoleNames.TryParse(CchcRoleNames.Of(role), out CchcRole parsed));
            Assert.Equal(role, parsed);
        }

        Assert.False(CchcRoleNames.TryParse("Appraiser", out _));
        Assert.False(CchcRoleNames.TryParse("admin", out _));
        Assert.False(CchcRoleNames.TryParse(null, out _));
    }
}
