using Microsoft.AspNetCore.Authorization;

namespace Sessions.Web.Authentication;

/// <summary>Authorization policies. Every policy authenticates with the session grid scheme only.</summary>
public static class Policies
{
    /// <summary>A browser or app session: a person signed in (not an API token).</summary>
    public const string Session = "session";

    public static void Add(AuthorizationOptions options)
    {
        options.DefaultPolicy = new AuthorizationPolicyBuilder(SessionGridAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .Build();
        options.AddPolicy(Session, policy => policy
            .AddAuthenticationSchemes(SessionGridAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(SessionGridClaims.Credential, CredentialNames.Browser, CredentialNames.App));
    }
}
