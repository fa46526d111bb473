namespace Cchc.Security;

/// <summary>
/// The JWT claims a CCHC token carries. Any issuer (the development issuer, or an organisation's identity
/// provider) must put the role and its scope in these names.
/// </summary>
public static class CchcClaims
{
    /// <summary>Who the caller is; recorded in every audit entry.</summary>
    public const string Subject = "sub";

    /// <summary>A display name, e.g. "Nguyễn Văn A"; optional.</summary>
    public const string Name = "name";

    /// <summary>One of <see cref="CchcRoleNames.All"/>.</summary>
    public const string Role = "cchc_role";

    /// <summary>The 2-digit province code of every role but the national viewer.</summary>
    public const string Province = "cchc_province";

    /// <summary>The 3-digit district code of a district appraiser (councils sat at district level up to 2024).</summary>
    public const string District = "cchc_district";

    /// <summary>The 5-digit commune code of a commune officer.</summary>
    public const string Commune = "cchc_commune";
}
