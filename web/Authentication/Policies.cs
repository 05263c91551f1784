using Microsoft.AspNetCore.Authorization;
using Sessions.Web.Security;

namespace Sessions.Web.Authentication;

/// <summary>Authorization policies. Every policy authenticates with the session grid scheme only.</summary>
public static class Policies
{
    /// <summary>A browser or app session: a person signed in (not an API token).</summary>
    public const string Session = "session";

    /// <summary>An operator holding an admin key (admin API, metrics, dashboard).</summary>
    public const string Admin = "admin";

    public static void Add(AuthorizationOptions options)
    {
        options.DefaultPolicy = new AuthorizationPolicyBuilder(SessionGridAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .Build();
        options.AddPolicy(Session, policy => policy
            .AddAuthenticationSchemes(SessionGridAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(SessionGridClaims.Credential, CredentialNames.Browser, CredentialNames.App));
        options.AddPolicy(Admin, policy => policy
            .AddAuthenticationSchemes(AdminKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(AdminKeyAuthenticationHandler.OperatorClaim));
    }
}
