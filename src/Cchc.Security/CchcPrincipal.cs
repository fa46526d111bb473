using System.Diagnostics.CodeAnalysis;

namespace Cchc.Security;

/// <summary>
/// Who makes a call: a subject with one role and the unit that role is scoped to. Made only through the
/// factories, which refuse a scope that does not fit the role, so the policy never meets a half-scoped principal.
/// </summary>
public sealed record CchcPrincipal
{
    private const int MaxSubjectLength = 200;

    private CchcPrincipal(string subject, string name, CchcRole role, string? provinceCode, string? districtCode, string? communeCode)
    {
        Subject = subject;
        Name = name;
        Role = role;
        ProvinceCode = provinceCode;
        DistrictCode = districtCode;
        CommuneCode = communeCode;
    }

    /// <summary>The token's <c>sub</c>: the stable identity the rate limit and the audit log key on.</summary>
    public string Subject { get; }

    /// <summary>A display name; the subject when the token has none.</summary>
    public string Name { get; }

    public CchcRole Role { get; }

    /// <summary>The 2-digit province; null only for a national viewer.</summary>
    public string? ProvinceCode { get; }

    /// <summary>The 3-digit district of a district appraiser; null otherwise.</summary>
    public string? DistrictCode { get; }

    /// <summary>The 5-digit commune of a commune officer; null otherwise.</summary>
    public string? CommuneCode { get; }

    /// <summary>True for a national viewer: its scope is every province.</summary>
    public bool IsNational => Role == CchcRole.NationalViewer;

    /// <summary>The role with its scope, as messages and the audit log print it, e.g. "appraiser of district 298".</summary>
    public string Description => Role switch
    {
        CchcRole.CommuneOfficer => $"commune officer of commune {CommuneCode}",
        CchcRole.Appraiser when DistrictCode is not null => $"appraiser of district {DistrictCode}",
        CchcRole.Appraiser => $"appraiser of province {ProvinceCode}",
        CchcRole.ProvinceAdmin => $"province administrator of province {ProvinceCode}",
        CchcRole.Viewer => $"viewer of province {ProvinceCode}",
        _ => "national viewer",
    };

    /// <summary>What an audit entry records as the principal, e.g. "thamdinh.tuky (appraiser of district 298)".</summary>
    public string AuditName => $"{Subject} ({Description})";

    public static CchcPrincipal CommuneOfficer(string subject, string provinceCode, string communeCode, string? name = null) =>
        Create(subject, CchcRole.CommuneOfficer, provinceCode, null, communeCode, name);

    /// <summary>An appraiser of a district (give <paramref name="districtCode"/>) or of the whole province (leave it null).</summary>
    public static CchcPrincipal Appraiser(string subject, string provinceCode, string? districtCode = null, string? name = null) =>
        Create(subject, CchcRole.Appraiser, provinceCode, districtCode, null, name);

    public static CchcPrincipal ProvinceAdmin(string subject, string provinceCode, string? name = null) =>
        Create(subject, CchcRole.ProvinceAdmin, provinceCode, null, null, name);

    public static CchcPrincipal Viewer(string subject, string provinceCode, string? name = null) =>
        Create(subject, CchcRole.Viewer, provinceCode, null, null, name);

    public static CchcPrincipal NationalViewer(string subject, string? name = null) =>
        Create(subject, CchcRole.NationalViewer, null, null, null, name);

    /// <summary>Any role with its scope; throws <see cref="ArgumentException"/> naming what does not fit.</summary>
    public static CchcPrincipal Create(string subject, CchcRole role, string? provinceCode, string? districtCode, string? communeCode, string? name = null) =>
        TryCreate(subject, role, provinceCode, districtCode, communeCode, name, out CchcPrincipal? principal, out string? problem)
            ? principal
            : throw new ArgumentException(problem);

    /// <summary>Like <see cref="Create"/>, but says what is wrong instead of throwing.</summary>
    public static bool TryCreate(
        string? subject, CchcRole role, string? provinceCode, string? districtCode, string? communeCode, string? name,
        [NotNullWhen(true)] out CchcPrincipal? principal, [NotNullWhen(false)] out string? problem)
    {
        principal = null;
        problem = CheckSubject(subject) ?? CheckScope(role, provinceCode, districtCode, communeCode);
        if (problem is not null)
        {
            return false;
        }

        principal = new CchcPrincipal(subject!, string.IsNullOrWhiteSpace(name) ? subject! : name, role, provinceCode, districtCode, communeCode);
        return true;
    }

    public override string ToString() => AuditName;

    private static string? CheckSubject(string? subject)
    {
        if (string.IsNullOrWhiteSpace(subject))
        {
            return "The subject (sub) is missing: every principal needs a stable identity for the audit log.";
        }

        if (subject.Length > MaxSubjectLength || subject.Any(char.IsControl))
        {
            return $"The subject (sub) must be at most {MaxSubjectLength} characters with no control characters.";
        }

        return null;
    }

    private static string? CheckScope(CchcRole role, string? province, string? district, string? commune)
    {
        string roleName = role is >= CchcRole.CommuneOfficer and <= CchcRole.NationalViewer
            ? CchcRoleNames.Of(role)
            : role.ToString();
        return role switch
        {
            CchcRole.CommuneOfficer =>
                Require(roleName, "province", province, 2) ?? Require(roleName, "commune", commune, 5) ?? Forbid(roleName, "district", district),
            CchcRole.Appraiser =>
                Require(roleName, "province", province, 2) ?? (district is null ? null : Digits(roleName, "district", district, 3)) ?? Forbid(roleName, "commune", commune),
            CchcRole.ProvinceAdmin or CchcRole.Viewer =>
                Require(roleName, "province", province, 2) ?? Forbid(roleName, "district", district) ?? Forbid(roleName, "commune", commune),
            CchcRole.NationalViewer =>
                Forbid(roleName, "province", province) ?? Forbid(roleName, "district", district) ?? Forbid(roleName, "commune", commune),
            _ => $"'{roleName}' is not a role.",
        };
    }

    private static string? Require(string role, string level, string? code, int digits) =>
        code is null ? $"A {role} needs a {digits}-digit {level} code (claim cchc_{level})." : Digits(role, level, code, digits);

    private static string? Digits(string role, string level, string code, int digits) =>
        code.Length == digits && code.All(char.IsAsciiDigit)
            ? null
            : $"A {role}'s {level} code must be {digits} digits, e.g. {Example(digits)}; got '{Printable(code)}'.";

    private static string? Forbid(string role, string level, string? code) =>
        code is null ? null : $"A {role} has no {level} scope, but the {level} code '{Printable(code)}' was given.";

    private static string Example(int digits) => digits switch
    {
        2 => "30",
        3 => "298",
        _ => "11116",
    };

    // A code comes from a token the caller wrote: show a little of it, never control characters.
    private static string Printable(string text) =>
        new([.. text.Take(12).Select(c => char.IsControl(c) ? '?' : c)]);
}
