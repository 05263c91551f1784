using Microsoft.AspNetCore.Authorization;
using Sessions.Grains.Abstractions.Users;
using Sessions.Web.Authentication.SessionGrid;

namespace Sessions.Web.Authentication;

/// <summary>
/// The caller's credential holds <see cref="Scope"/> (its <see cref="SessionGridClaims.Scope"/> claim): browser and app
/// sessions hold every scope, an API token the ones it was created with. Checked before any grain is asked, so a
/// leaked token without the scope changes nothing; the grain checks it again (docs/threat-model.md, B25).
/// </summary>
internal sealed class ScopeRequirement(ApiTokenScopes scope) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public ApiTokenScopes Scope { get; } = scope;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if ((SessionGridClaims.ScopesOf(context.User) & requirement.Scope) == requirement.Scope)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
