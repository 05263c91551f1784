using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Sessions.Web.Http;

namespace Sessions.Web.Authentication;

/// <summary>
/// Answers a signed-in caller whose credential lacks a <see cref="ScopeRequirement"/> with the 403 that names the
/// scope (RFC 6750 §3.1 <c>insufficient_scope</c>), rather than the scheme's generic refusal; every other outcome is
/// ASP.NET's own.
/// </summary>
internal sealed class MissingScopeResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden
            && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().FirstOrDefault() is { } missing)
        {
            return Problems.WriteMissingScopeAsync(context, missing.Scope);
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
