namespace Cchc.Security.Tokens;

/// <summary>
/// A token refused by a CCHC rule after IdentityModel accepted it (lifetime, role, scope claims), or a request refused
/// before it (several authorization entries, another scheme). Carried through JwtBearer's failure to its challenge.
/// </summary>
public sealed class CchcTokenRejectedException : Exception
{
    public CchcTokenRejectedException()
        : this(TokenFailure.Malformed, CchcTokenValidation.MalformedMessage)
    {
    }

    public CchcTokenRejectedException(string message)
        : this(TokenFailure.Malformed, message)
    {
    }

    public CchcTokenRejectedException(string message, Exception innerException)
        : base(message, innerException) => Failure = TokenFailure.Malformed;

    public CchcTokenRejectedException(TokenFailure failure, string message)
        : base(message) => Failure = failure;

    public TokenFailure Failure { get; }
}
