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
/// Account lifecycle for operators (issue 12, item 5; checklist T7): disable (every credential revoked, every sign-in,
/// refresh and token creation refused until enabled), enable (sign-in again, never an old credential back) and delete
/// (everything revoked, the username and external links released, the stored state removed). Each is one grain call,
/// durable before the answer, audited under the operator key's name; each is idempotent, so a retry after a 503 is safe.
/// </summary>
public static class AccountLifecycleApi
{
    public static RouteGroupBuilder MapAccountLifecycleApi(this RouteGroupBuilder admin)
    {
        admin.RequireAuthorization(Policies.Admin)
            .WithJsonResponse(StatusCodes.Status200OK, typeof(LifecycleResponse),
                "Done (outcome \"done\"), or the account already was so (\"unchanged\"); what it revoked.")
            .WithProblemResponse(StatusCodes.Status401Unauthorized, "No operator key configured under Sessions:Admin:Keys was sent.")
            .ProducesBadRequest()
            .WithProblemResponse(StatusCodes.Status404NotFound, "No account exists with this user id.")
            .ProducesGridUnavailable();
        admin.MapPost("/users/{userId}/disable", DisableAsync);
        admin.MapPost("/users/{userId}/enable", EnableAsync);
        admin.MapDelete("/users/{userId}", DeleteAsync);
        return admin;
    }

    public static Task<Results<Ok<LifecycleResponse>, ProblemHttpResult>> DisableAsync(string userId, ClaimsPrincipal operatorUser, UserGrains users) =>
        ActAsync(userId, users, grain => grain.DisableAsync(OperatorOf(operatorUser)));

    public static Task<Results<Ok<LifecycleResponse>, ProblemHttpResult>> EnableAsync(string userId, ClaimsPrincipal operatorUser, UserGrains users) =>
        ActAsync(userId, users, grain => grain.EnableAsync(OperatorOf(operatorUser)));

    public static Task<Results<Ok<LifecycleResponse>, ProblemHttpResult>> DeleteAsync(string userId, ClaimsPrincipal operatorUser, UserGrains users) =>
        ActAsync(userId, users, grain => grain.DeleteAsync(OperatorOf(operatorUser)));

    private static async Task<Results<Ok<LifecycleResponse>, ProblemHttpResult>> ActAsync(
        string userId, UserGrains users, Func<IUserGrain, Task<LifecycleResult>> action)
    {
        if (!GridIds.TryParse(userId, out var id))
        {
            return Problems.BadRequest("Invalid user id", "A user id is 32 hexadecimal digits.");
        }

        var result = await action(users.Get(id));
        return result.Outcome switch
        {
            LifecycleOutcome.NoSuchAccount =>
                TypedResults.Problem("No account exists with this user id.", statusCode: StatusCodes.Status404NotFound, title: "No such user"),
            LifecycleOutcome.Done or LifecycleOutcome.Unchanged => TypedResults.Ok(LifecycleResponse.From(result)),

            // The grain allows every operator the front end authenticated; a refusal is a bug, and does nothing.
            _ => throw new InvalidOperationException("The user grain refused an operator actor."),
        };
    }

    private static Actor OperatorOf(ClaimsPrincipal user) => Actor.Operator(user.FindFirst(OperatorKeyAuthenticationDefaults.OperatorClaim)!.Value);
}
