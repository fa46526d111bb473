using Cchc.Grpc;

namespace Cchc.Server.Services;

/// <summary>
/// Who makes a call. Until authentication arrives (a later issue) the caller names itself in the
/// <c>x-cchc-principal</c> header; the name goes into the audit log and the publication record.
/// </summary>
internal static class CallPrincipal
{
    public const string Header = "x-cchc-principal";
    public const string Anonymous = "anonymous";

    public static string Of(GrpcCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestHeaders.GetValue(Header) is { Length: > 0 } name ? name.Trim() : Anonymous;
    }
}
