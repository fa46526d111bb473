namespace Cchc.Security;

/// <summary>What a principal may do; the scope it applies to (commune, district, province) travels beside it.</summary>
public enum CchcRole
{
    /// <summary>An officer of a commune's People's Committee (UBND xã): self-assessment and explanation of that commune.</summary>
    CommuneOfficer = 1,

    /// <summary>A member of an appraisal council (Hội đồng thẩm định) of a district (up to 2024) or a province.</summary>
    Appraiser = 2,

    /// <summary>The province's Department of Home Affairs (Sở Nội vụ): units, frameworks, survey points, publishing.</summary>
    ProvinceAdmin = 3,

    /// <summary>Reads everything of one province, published or not.</summary>
    Viewer = 4,

    /// <summary>Reads everything of every province, published or not (e.g. the Ministry of Home Affairs).</summary>
    NationalViewer = 5,
}
