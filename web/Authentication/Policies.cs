using Microsoft.AspNetCore.Authorization;
using Sessions.Grains.Abstractions.Users;
using Sessions.Web.Authentication.OperatorKeys;
using Sessions.Web.Authentication.ResourceServers;
using Sessions.Web.Authentication.SessionGrid;

namespace Sessions.Web.Authentication;

/// <summary>Authorization policies: each names the one scheme that may authenticate its callers.</summary>
public static class Policies
{
    /// <summary>A browser or app session: a person signed in (not an API token).</summary>
    public const string Session = "session";

    /// <summary>A credential that may manage the user's sessions: any browser or app session, or an API token created
    /// with the <c>sessions</c> scope (docs/threat-model.md, B25). The user grain checks the same again.</summary>
    public const string ManageSessions = "manage-sessions";

    /// <summary>An operator holding an operator key (admin API, metrics, dashboard).</summary>
    public const string Admin = "admin";

    /// <summary>A configured resource server (token introspection).</summary>
    public const string ResourceServer = "resource-server";

    /// <summary>The default policy (any credential the session grid accepts) and the named ones.</summary>
    public static void Add(AuthorizationOptions options)
    {
        options.DefaultPolicy = new AuthorizationPolicyBuilder(SessionGridAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .Build();
        options.AddPolicy(Session, policy => policy
            .AddAuthenticationSchemes(SessionGridAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(SessionGridClaims.Credential, CredentialNames.Browser, CredentialNames.App));
        options.AddPolicy(ManageSessions, policy => policy
            .AddAuthenticationSchemes(SessionGridAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new ScopeRequirement(ApiTokenScopes.Sessions)));
        options.AddPolicy(Admin, policy => policy
            .AddAuthenticationSchemes(OperatorKeyAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(OperatorKeyAuthenticationDefaults.OperatorClaim));
        options.AddPolicy(ResourceServer, policy => policy
            .AddAuthenticationSchemes(ResourceServerAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(ResourceServerAuthenticationDefaults.ClientIdClaim));
    }
}
