using Cchc.Api.V1;

namespace Cchc.Security.Policy;

/// <summary>
/// Every access decision, in one place. A handler resolves what its call touches into a <see cref="CchcOperation"/>
/// and asks here; no handler checks a role itself. Unknown operations are denied.
/// </summary>
/// <remarks>
/// Writes: a commune officer self-assesses and explains its own commune; an appraiser appraises the communes of
/// its district (up to 2024) or province; a province administrator imports units, stores frameworks, enters survey
/// points, sets deadlines and extends them, and publishes for its province. Its audit trail is verified by its
/// province administrators and national viewers. Reads: units and frameworks are public; published results are open to
/// every principal; unpublished results only inside their province and to national viewers.
/// </remarks>
public sealed class AccessPolicy(AccessPolicyOptions? options = null)
{
    private readonly AccessPolicyOptions _options = options ?? new AccessPolicyOptions();

    public AccessDecision Authorize(CchcPrincipal principal, CchcOperation operation)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(operation);
        return operation switch
        {
            ReadUnits or ReadFramework => Allow(principal, operation),
            ImportUnits op => ProvinceAdminOnly(principal, op.ProvinceCode, operation),
            PutFramework op => ProvinceAdminOnly(principal, op.ProvinceCode, operation),
            Publish op => ProvinceAdminOnly(principal, op.ProvinceCode, operation),
            SetDeadlines op => ProvinceAdminOnly(principal, op.ProvinceCode, operation),
            ExtendDeadline op => ProvinceAdminOnly(principal, op.ProvinceCode, operation),
            SubmitScores op => Submit(principal, op),
            ReadScope op => Read(principal, op.ProvinceCode, op.Published, operation),
            VerifyAudit op => Auditor(principal, op.ProvinceCode, operation),
            ReadCommune op => Read(principal, op.ProvinceCode, op.Published, operation),
            _ => Deny(principal, operation, "no access rule covers this operation"),
        };
    }

    private static AccessDecision Submit(CchcPrincipal principal, SubmitScores op)
    {
        switch (op.Stage)
        {
            case Stage.SelfAssessment or Stage.Explanation:
                return principal.Role == CchcRole.CommuneOfficer && principal.CommuneCode == op.CommuneCode
                    ? Allow(principal, op)
                    : Deny(principal, op, $"only a commune officer of commune {op.CommuneCode} may");
            case Stage.AppraisalRound1 or Stage.AppraisalRound2:
                bool appraises = principal.Role == CchcRole.Appraiser && principal.ProvinceCode == op.ProvinceCode &&
                    (principal.DistrictCode is null || principal.DistrictCode == op.DistrictCode);
                if (appraises)
                {
                    return Allow(principal, op);
                }

                return op.DistrictCode is null
                    ? Deny(principal, op, $"only an appraiser of province {op.ProvinceCode} may (the commune has no district in that year)")
                    : Deny(principal, op, $"only an appraiser of district {op.DistrictCode} or of province {op.ProvinceCode} may");
            case Stage.Survey:
                return ProvinceAdminOnly(principal, op.ProvinceCode, op);
            default:
                return Deny(principal, op,
                    "the stage must be self-assessment, appraisal round 1, explanation, appraisal round 2 or survey");
        }
    }

    private static AccessDecision ProvinceAdminOnly(CchcPrincipal principal, string provinceCode, CchcOperation operation) =>
        principal.Role == CchcRole.ProvinceAdmin && principal.ProvinceCode == provinceCode
            ? Allow(principal, operation)
            : Deny(principal, operation, $"only a province administrator of province {provinceCode} may");

    // The audit names who changed what and when, published or not: the province's own administrators and national
    // viewers (the ministry's inspectors), no one else.
    private static AccessDecision Auditor(CchcPrincipal principal, string provinceCode, CchcOperation operation) =>
        principal.Role == CchcRole.NationalViewer || (principal.Role == CchcRole.ProvinceAdmin && principal.ProvinceCode == provinceCode)
            ? Allow(principal, operation)
            : Deny(principal, operation, $"only a province administrator of province {provinceCode} or a national viewer may");

    private AccessDecision Read(CchcPrincipal principal, string provinceCode, bool published, CchcOperation operation)
    {
        bool allowed = published || principal.IsNational || principal.ProvinceCode == provinceCode || _options.AllowCrossProvinceUnpublishedReads;
        return allowed
            ? Allow(principal, operation)
            : Deny(principal, operation,
                $"until they are published, the results of province {provinceCode} are readable only inside that province and by national viewers");
    }

    private static AccessDecision Allow(CchcPrincipal principal, CchcOperation operation) =>
        AccessDecision.Allow($"{Capitalized(principal.Description)} may {operation.Description}.");

    private static AccessDecision Deny(CchcPrincipal principal, CchcOperation operation, string rule) =>
        AccessDecision.Deny($"{Capitalized(principal.Description)} may not {operation.Description}: {rule}.");

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
