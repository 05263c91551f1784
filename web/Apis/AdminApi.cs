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
/// Operator endpoints for offboarding and incident response, behind an admin key. Every action is audited with the
/// operator key's name: a change in its own write (the grain audits its <see cref="Actor"/>), a read before it is done.
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

        var result = await grain.SignOutEverywhereAsync(OperatorOf(operatorUser), keepCurrent: false) ?? throw OperatorRefused();
        return TypedResults.Ok(LogoutEverywhereResponse.From(result));
    }

    public static async Task<Results<Ok<AdminUserSessionsResponse>, ProblemHttpResult>> ListAsync(
        string userId, ClaimsPrincipal operatorUser, UserGrains users)
    {
        if (await FindAsync(userId, users) is not { } grain)
        {
            return UnknownUser(userId);
        }

        var actor = OperatorOf(operatorUser);
        await grain.RecordAdminActionAsync($"{actor.Describe()}: listed sessions");
        var account = (await grain.GetAccountAsync())!;
        var sessions = await grain.ListSessionsAsync(actor) ?? throw OperatorRefused();
        var tokens = await grain.ListApiTokensAsync(actor) ?? throw OperatorRefused();
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

    /// <summary>The grain allows every operator the front end authenticated; a refusal is a bug, and shows or does nothing.</summary>
    private static InvalidOperationException OperatorRefused() => new("The user grain refused an operator actor.");

    private static Actor OperatorOf(ClaimsPrincipal user) => Actor.Operator(user.FindFirst(OperatorKeyAuthenticationDefaults.OperatorClaim)!.Value);
}
