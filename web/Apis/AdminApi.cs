using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sessions.Grains.Abstractions.Users;
using Sessions.Web.Apis.Contracts;
using Sessions.Web.Authentication;
using Sessions.Web.Authentication.OperatorKeys;
using Sessions.Web.Grid;
using Sessions.Web.Http;

namespace Sessions.Web.Apis;

/// <summary>
/// Operator endpoints for offboarding and incident response, behind an admin key. Every action is first written
/// to the user's audit trail with the operator key's name.
/// </summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder admin)
    {
        admin.RequireAuthorization(Policies.Admin)
            .WithProblemResponse(StatusCodes.Status401Unauthorized, "No operator key configured under Sessions:Admin:Keys was sent.")
            .ProducesBadRequest()
            .WithProblemResponse(StatusCodes.Status404NotFound, "No account exists with this user id.")
            .ProducesGridUnavailable();
        admin.MapPost("/users/{userId}/logout-everywhere", SignOutEverywhereAsync);
        admin.MapGet("/users/{userId}/sessions", ListAsync);
        return admin;
    }

    public static async Task<Results<Ok<LogoutEverywhereResponse>, ProblemHttpResult>> SignOutEverywhereAsync(
        string userId, ClaimsPrincipal operatorUser, UserGrains users)
    {
        if (await FindAsync(userId, users) is not { } grain)
        {
            return UnknownUser(userId);
        }

        await grain.RecordAdminActionAsync($"operator '{OperatorOf(operatorUser)}': sign out everywhere");
        var result = await grain.SignOutEverywhereAsync(keepCredentialId: null);
        return TypedResults.Ok(LogoutEverywhereResponse.From(result));
    }

    public static async Task<Results<Ok<AdminUserSessionsResponse>, ProblemHttpResult>> ListAsync(
        string userId, ClaimsPrincipal operatorUser, UserGrains users)
    {
        if (await FindAsync(userId, users) is not { } grain)
        {
            return UnknownUser(userId);
        }

        await grain.RecordAdminActionAsync($"operator '{OperatorOf(operatorUser)}': listed sessions");
        var account = (await grain.GetAccountAsync())!;
        var sessions = await grain.ListSessionsAsync(currentSessionId: null);
        var tokens = await grain.ListApiTokensAsync();
        var trail = await grain.GetAuditTrailAsync();
        return TypedResults.Ok(new AdminUserSessionsResponse(
            account.UserId,
            account.Username,
            account.NotBefore,
            sessions.Select(SessionResponse.From).ToArray(),   // no current session: an operator is not one of them
            tokens.Select(ApiTokenResponse.From).ToArray(),
            trail.Select(e => new AdminAuditEntry(e.At, e.Kind.ToString(), e.SessionId, e.Detail)).ToArray()));
    }

    private static async Task<IUserGrain?> FindAsync(string userId, UserGrains users)
    {
        if (!GridIds.TryParse(userId, out var id))
        {
            return null;
        }

        var grain = users.Get(id);
        return await grain.GetAccountAsync() is null ? null : grain;
    }

    private static ProblemHttpResult UnknownUser(string userId) => GridIds.TryParse(userId, out _)
        ? TypedResults.Problem("No account exists with this user id.", statusCode: StatusCodes.Status404NotFound, title: "No such user")
        : Problems.BadRequest("Invalid user id", "A user id is 32 hexadecimal digits.");

    private static string OperatorOf(ClaimsPrincipal user) => user.FindFirst(OperatorKeyAuthenticationDefaults.OperatorClaim)!.Value;
}
