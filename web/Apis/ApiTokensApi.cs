using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sessions.Grains.Abstractions.Users;
using Sessions.Web.Apis.Contracts;
using Sessions.Web.Authentication;
using Sessions.Web.Authentication.SessionGrid;
using Sessions.Web.Grid;
using Sessions.Web.Http;

namespace Sessions.Web.Apis;

/// <summary>API tokens for non-human clients: created by a signed-in person with the scopes it chooses (the secret is
/// shown once), listed and revoked by whoever may manage the user's sessions.</summary>
public static class ApiTokensApi
{
    public static RouteGroupBuilder MapApiTokensApi(this RouteGroupBuilder auth)
    {
        auth.MapPost("/tokens", CreateAsync)
            .RequireAuthorization(Policies.Session)
            .ProducesSignedInRefusals()
            .ProducesSessionOnly()
            .ProducesBadRequest()
            .WithProblemResponse(StatusCodes.Status409Conflict, "The account holds as many API tokens as allowed; revoke one first.");
        auth.MapGet("/tokens", ListAsync)
            .RequireAuthorization(Policies.ManageSessions).ProducesSignedInRefusals().ProducesMissingScope();
        auth.MapDelete("/tokens/{id}", RevokeAsync)
            .RequireAuthorization(Policies.ManageSessions).ProducesSignedInRefusals().ProducesMissingScope().ProducesBadRequest();
        return auth;
    }

    public static async Task<Results<Created<CreatedApiTokenResponse>, ProblemHttpResult, UnauthorizedProblem>> CreateAsync(
        CreateApiTokenRequest request, ClaimsPrincipal user, UserGrains users)
    {
        if (!ApiTokenRules.TryNormalizeName(request.Name, out var name))
        {
            return Problems.BadRequest("Invalid token name", ApiTokenRules.NameRule);
        }

        if (request.ExpiresInDays is { } requested && !ApiTokenRules.IsWithinCeiling(requested))
        {
            return Problems.BadRequest("Invalid lifetime", "expiresInDays is a whole number of days, at least 1 and at most the configured maximum (default 365).");
        }

        if (!ApiTokenScopeNames.TryParse(request.Scopes, out var scopes))
        {
            return Problems.BadRequest("Invalid scopes", ApiTokenScopeNames.Rule);
        }

        var lifetime = request.ExpiresInDays is { } days ? TimeSpan.FromDays(days) : (TimeSpan?)null;
        var result = await users.Get(user).CreateApiTokenAsync(SessionGridClaims.SessionIdOf(user), name, lifetime, scopes);
        return result.Outcome switch
        {
            ApiTokenOutcome.Created => TypedResults.Created(
                $"/auth/tokens/{result.Id}",
                new CreatedApiTokenResponse(result.Id!, result.Token!, result.ExpiresAt!.Value, ApiTokenScopeNames.Of(result.Scopes))),
            ApiTokenOutcome.LimitReached => Problems.Conflict("API token limit reached", "Revoke an API token before creating another."),
            ApiTokenOutcome.Rejected => Problems.BadRequest("Invalid lifetime", "expiresInDays exceeds the configured maximum (default 365)."),
            _ => UnauthorizedProblem.Instance,
        };
    }

    public static async Task<Results<Ok<ApiTokenResponse[]>, MissingScopeProblem>> ListAsync(ClaimsPrincipal user, UserGrains users)
    {
        if (await users.Get(user).ListApiTokensAsync(SessionGridClaims.ActorOf(user)) is not { } tokens)
        {
            return MissingScopeProblem.Sessions;
        }

        return TypedResults.Ok(tokens.Select(ApiTokenResponse.From).ToArray());
    }

    public static async Task<Results<NoContent, ProblemHttpResult, MissingScopeProblem>> RevokeAsync(
        string id, ClaimsPrincipal user, UserGrains users)
    {
        if (!GridIds.TryParse(id, out _))
        {
            return Problems.BadRequest("Invalid token id", "A token id is 32 hexadecimal digits, as listed by GET /auth/tokens.");
        }

        // Idempotent: a token that is already gone (or was never yours) needs no revoking.
        var outcome = await users.Get(user).RevokeApiTokenAsync(SessionGridClaims.ActorOf(user), id);
        if (outcome == RevocationOutcome.Denied)
        {
            return MissingScopeProblem.Sessions;
        }

        return TypedResults.NoContent();
    }
}
