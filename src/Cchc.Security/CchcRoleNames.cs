namespace Cchc.Security;

/// <summary>The role names tokens carry in <see cref="CchcClaims.Role"/>, e.g. <c>appraiser</c>.</summary>
public static class CchcRoleNames
{
    public const string CommuneOfficer = "commune_officer";
    public const string Appraiser = "appraiser";
    public const string ProvinceAdmin = "province_admin";
    public const string Viewer = "viewer";
    public const string NationalViewer = "national_viewer";

    /// <summary>Every role name, in the order of <see cref="CchcRole"/>.</summary>
    public static IReadOnlyList<string> All { get; } = [CommuneOfficer, Appraiser, ProvinceAdmin, Viewer, NationalViewer];

    public static string Of(CchcRole role) => role switch
    {
        CchcRole.CommuneOfficer => CommuneOfficer,
        CchcRole.Appraiser => Appraiser,
        CchcRole.ProvinceAdmin => ProvinceAdmin,
        CchcRole.Viewer => Viewer,
        CchcRole.NationalViewer => NationalViewer,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a CCHC role."),
    };

    /// <summary>Reads a role name exactly as written (lower case, underscores); anything else is not a role.</summary>
    public static bool TryParse(string? name, out CchcRole role)
    {
        role = name switch
        {
            CommuneOfficer => CchcRole.CommuneOfficer,
            Appraiser => CchcRole.Appraiser,
            ProvinceAdmin => CchcRole.ProvinceAdmin,
            Viewer => CchcRole.Viewer,
            NationalViewer => CchcRole.NationalViewer,
            _ => 0,
        };
        return role != 0;
    }
}
