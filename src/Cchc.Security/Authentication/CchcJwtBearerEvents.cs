using Cchc.Security.Tokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Cchc.Security.Authentication;

/// <summary>
/// The CCHC steps around JwtBearer's own checks: one authorization entry with the Bearer scheme; after the
/// signature, issuer and audience, the lifetime (on the injected clock) and the principal's claims; and a refusal
/// written as a gRPC UNAUTHENTICATED status with the reason, which a plain 401 would not carry to a gRPC client
/// (Grpc.Net.Client turns it into "Bad gRPC response. HTTP status code: 401").
/// </summary>
public sealed partial class CchcJwtBearerEvents(CchcTokenOptions tokens, TimeProvider timeProvider, ILogger<CchcJwtBearerEvents> logger) : JwtBearerEvents
{
    private const string BearerPrefix = "Bearer ";

    public override Task MessageReceived(MessageReceivedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var values = context.Request.Headers.Authorization;

        // Two entries may arrive as two headers or joined with a comma (HttpClient joins them); a JWT has no comma.
        if (values.Count > 1 || (values.Count == 1 && values[0]?.Contains(',', StringComparison.Ordinal) == true))
        {
            // Which of two tokens counts would depend on proxies' header order; refuse rather than guess.
            context.Fail(new CchcTokenRejectedException(TokenFailure.Malformed, CchcTokenValidation.SeveralMessage));
        }
        else if (values.Count == 1 && values[0] is { } value && !string.IsNullOrWhiteSpace(value) &&
            (!value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || value.Trim().Length <= BearerPrefix.Length))
        {
            context.Fail(new CchcTokenRejectedException(TokenFailure.Malformed, CchcTokenValidation.NotBearerMessage));
        }

        return Task.CompletedTask;
    }

    public override Task TokenValidated(TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.SecurityToken is not JsonWebToken jwt)
        {
            context.Fail(new CchcTokenRejectedException(TokenFailure.Malformed, CchcTokenValidation.MalformedMessage));
            return Task.CompletedTask;
        }

        var outcome = CchcTokenValidation.Accept(jwt, tokens, timeProvider.GetUtcNow());
        if (!outcome.Succeeded)
        {
            context.Fail(new CchcTokenRejectedException(outcome.Failure.Value, outcome.Message));
        }

        return Task.CompletedTask;
    }

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = CchcTokenValidation.Explain(context.AuthenticateFailure, tokens);
        LogRefused(logger, context.Request.Path, context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", outcome.Failure!.Value);
        context.HandleResponse();
        await GrpcStatusResponse.WriteAsync(context.Response, GrpcStatusResponse.Unauthenticated, outcome.Message);
    }

    [LoggerMessage(EventId = 1200, EventName = "AuthenticationFailed", Level = LogLevel.Warning,
        Message = "Authentication failed for {Method} from {Peer}: {Reason}.")]
    private static partial void LogRefused(ILogger logger, PathString method, string peer, TokenFailure reason);
}
