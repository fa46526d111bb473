using Cchc.Security;

namespace Cchc.Server.Services;

/// <summary>
/// Who makes a call: the authenticated principal, or none when the server runs with authentication off; and the
/// name the audit log and the publication record keep for it.
/// </summary>
internal sealed record ApiCaller(CchcPrincipal? Principal, string AuditName);
