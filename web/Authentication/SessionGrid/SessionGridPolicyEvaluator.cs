using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Sessions.Web.Authentication.SessionGrid;

/// <summary>
/// ASP.NET Core's policy evaluator with a shorter path for the one policy most validated requests meet: "a credential
/// the session grid accepts" (the default policy, <c>RequireAuthorization()</c>, as on <c>GET /auth/me</c>). When the
/// grid's scheme authenticated the request, that policy holds by definition, so the principal is used as the scheme
/// built it and the answer is Success — without merging it into a new principal and ticket and running the
/// authorization service's handler pipeline for its one requirement (bench/README.md, "Where the time goes": the
/// authorization stage). The grain has judged the credential exactly as before; nothing is cached. Every other case —
/// another policy, another scheme, no or a failed authentication — is the base class's, unchanged, so challenges
/// (401, or 503 when the grid could not decide) and refusals are ASP.NET's own.
/// </summary>
public sealed class SessionGridPolicyEvaluator(IAuthorizationService authorization) : PolicyEvaluator(authorization)
{
    public override async Task<AuthenticateResult> AuthenticateAsync(AuthorizationPolicy policy, HttpContext context)
    {
        if (!IsAuthenticatedSessionGridPolicy(policy))
        {
            return await base.AuthenticateAsync(policy, context);
        }

        // The scheme's handler is created once per request and remembers its result, so a failure asked again by the
        // base class is not a second grain call.
        var result = await context.AuthenticateAsync(SessionGridAuthenticationDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal.Identity is not { IsAuthenticated: true })
        {
            return await base.AuthenticateAsync(policy, context);
        }

        context.User = result.Principal;
        return result;
    }

    public override Task<PolicyAuthorizationResult> AuthorizeAsync(
        AuthorizationPolicy policy, AuthenticateResult authenticationResult, HttpContext context, object? resource)
    {
        return IsAuthenticatedSessionGridPolicy(policy) && authenticationResult.Succeeded
            && ReferenceEquals(context.User, authenticationResult.Principal) && context.User.Identity is { IsAuthenticated: true }
            ? Task.FromResult(PolicyAuthorizationResult.Success())
            : base.AuthorizeAsync(policy, authenticationResult, context, resource);
    }

    /// <summary>Exactly "an authenticated user of the session grid scheme": one scheme, ours, and the one requirement.</summary>
    private static bool IsAuthenticatedSessionGridPolicy(AuthorizationPolicy policy) =>
        policy.AuthenticationSchemes is [SessionGridAuthenticationDefaults.AuthenticationScheme]
        && policy.Requirements is [DenyAnonymousAuthorizationRequirement];
}
