using Cchc.Security.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Security.Authentication;

/// <summary>
/// Bearer-token authentication for the gRPC API on ASP.NET Core: JwtBearer with the CCHC rules
/// (<see cref="CchcTokenValidation"/>) and <see cref="CchcJwtBearerEvents"/>, which check the lifetime on the injected
/// <see cref="TimeProvider"/>, read the <see cref="CchcPrincipal"/> and answer a refused call as gRPC UNAUTHENTICATED
/// with the reason. Endpoints that need a caller require <see cref="PolicyName"/>.
/// </summary>
public static class CchcAuthentication
{
    /// <summary>The authorization policy of every cchc.v1 endpoint: an authenticated CCHC principal.</summary>
    public const string PolicyName = "cchc-principal";

    /// <exception cref="SecurityConfigurationException">The token settings cannot be used.</exception>
    public static IServiceCollection AddCchcAuthentication(this IServiceCollection services, CchcTokenOptions tokens)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(tokens);
        var parameters = CchcTokenValidation.CreateParameters(tokens);
        services.AddSingleton(tokens);

        // Authentication brings data protection along; bearer tokens need none of it, so keys stay in memory rather
        // than in files under the user's profile.
        services.AddSingleton<IDataProtectionProvider, EphemeralDataProtectionProvider>();
        services.AddSingleton<CchcJwtBearerEvents>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(bearer =>
        {
            // Claims keep their JWT names (sub, cchc_role...): nothing is renamed to WS-Federation URIs.
            bearer.MapInboundClaims = false;
            bearer.TokenValidationParameters = parameters;
            bearer.EventsType = typeof(CchcJwtBearerEvents);
            bearer.IncludeErrorDetails = false;
        });
        services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy => policy
            .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(CchcClaims.Role));
        return services;
    }
}
