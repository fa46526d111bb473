using Grpc.Core;

namespace Cchc.Server.Services;

/// <summary>
/// Who makes a call when the server runs with authentication off (--insecure-no-auth): the caller names itself in
/// the <c>x-cchc-principal</c> header, and that name goes into the audit log. With authentication on the header is
/// ignored: the principal comes from the verified token.
/// </summary>
internal static class CallPrincipal
{
    public const string Header = "x-cchc-principal";
    public const string Anonymous = "anonymous";

    public static string Of(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestHeaders.GetValue(Header) is { Length: > 0 } name ? name.Trim() : Anonymous;
    }
}
