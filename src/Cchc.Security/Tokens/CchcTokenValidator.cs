using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cchc.Security.Tokens;

/// <summary>
/// Checks a token outside a request, by the same rules the server's JwtBearer handler applies
/// (<see cref="CchcTokenValidation"/>): what `cchc token` and its tests use to check what they issue. The server itself
/// authenticates with <see cref="Authentication.CchcAuthentication"/>.
/// </summary>
public sealed class CchcTokenValidator
{
    private const string BearerPrefix = "Bearer ";

    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters;
    private readonly TimeProvider _timeProvider;

    public CchcTokenValidator(CchcTokenOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _parameters = CchcTokenValidation.CreateParameters(options);
    }

    public CchcTokenOptions Options { get; }

    /// <summary>Validates the value of the <c>authorization</c> metadata, which must be <c>Bearer &lt;token&gt;</c>.</summary>
    public Task<TokenValidationOutcome> ValidateAuthorizationAsync(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return Task.FromResult(TokenValidationOutcome.Fail(TokenFailure.Missing, CchcTokenValidation.MissingMessage));
        }

        string value = authorization.Trim();
        return !value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || value.Length == BearerPrefix.Length
            ? Task.FromResult(TokenValidationOutcome.Fail(TokenFailure.Malformed, CchcTokenValidation.NotBearerMessage))
            : ValidateTokenAsync(value[BearerPrefix.Length..].Trim());
    }

    /// <summary>Validates a compact JWT (without the <c>Bearer</c> prefix).</summary>
    public async Task<TokenValidationOutcome> ValidateTokenAsync(string token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return TokenValidationOutcome.Fail(TokenFailure.Missing, CchcTokenValidation.MissingMessage);
        }

        TokenValidationResult result = await _handler.ValidateTokenAsync(token, _parameters);
        return result.IsValid
            ? CchcTokenValidation.Accept((JsonWebToken)result.SecurityToken, Options, _timeProvider.GetUtcNow())
            : CchcTokenValidation.Explain(result.Exception, Options);
    }
}
