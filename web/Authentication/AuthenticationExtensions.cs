using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sessions.Web.Authentication.OperatorKeys;
using Sessions.Web.Authentication.ResourceServers;
using Sessions.Web.Authentication.SessionGrid;

namespace Sessions.Web.Authentication;

/// <summary>The front end's authentication: one scheme per way a caller is authenticated, and the policies that
/// pick them.</summary>
public static class AuthenticationExtensions
{
    /// <summary>
    /// Adds the session grid scheme (people and API clients), operator keys (<c>/admin</c>, <c>/metrics</c>,
    /// <c>/dashboard</c>) and resource servers (<c>/oauth</c>), with <see cref="Policies"/>. No scheme is the default
    /// for authentication, so a request is authenticated (one grain call) only when its endpoint requires it —
    /// never for static files or probes; challenges and refusals default to the session grid's answers.
    /// </summary>
    public static IServiceCollection AddSessionGridAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(options =>
            {
                options.DefaultChallengeScheme = SessionGridAuthenticationDefaults.AuthenticationScheme;
                options.DefaultForbidScheme = SessionGridAuthenticationDefaults.AuthenticationScheme;
            })
            .AddSessionGrid()
            .AddOperatorKeys()
            .AddResourceServers();
        services.AddAuthorization(Policies.Add);
        services.Replace(ServiceDescriptor.Transient<IPolicyEvaluator, SessionGridPolicyEvaluator>());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, MissingScopeResultHandler>();
        return services;
    }
}
