using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Sessions.Grains.Abstractions.Accounts;
using Sessions.Grains.Abstractions.Users;
using Sessions.Web.Apis.Contracts;
using Sessions.Web.Authentication;
using Sessions.Web.Authentication.SessionGrid;
using Sessions.Web.Grid;
using Sessions.Web.Http;

namespace Sessions.Web.Apis;

/// <summary>Endpoints of a signed-in caller: who am I, my sessions, sign out here or everywhere, change password.</summary>
public static class SessionsApi
{
    public static RouteGroupBuilder MapSessionsApi(this RouteGroupBuilder auth)
    {
        auth.MapGet("/me", Me).RequireAuthorization().ProducesSignedInRefusals();
        auth.MapGet("/sessions", ListSessionsAsync)
            .RequireAuthorization(Policies.ManageSessions).ProducesSignedInRefusals().ProducesMissingScope();
        auth.MapDelete("/sessions/{id}", EndSessionAsync)
            .RequireAuthorization(Policies.ManageSessions).ProducesSignedInRefusals().ProducesMissingScope().ProducesBadRequest();
        auth.MapPost("/logout", SignOutAsync).RequireAuthorization().ProducesSignedInRefusals();
        auth.MapPost("/logout-everywhere", SignOutEverywhereAsync)
            .RequireAuthorization(Policies.ManageSessions).ProducesSignedInRefusals().ProducesMissingScope().ProducesBadRequest();
        auth.MapPost("/password", ChangePasswordAsync)
            .RequireAuthorization(Policies.Session)
            .ProducesSignedInRefusals()
            .ProducesSessionOnly()
            .ProducesBadRequest()
            .ProducesTooManyAttempts();
        return auth;
    }

    /// <summary>Who the caller is: on every validated request of some clients, so written straight from the
    /// source-generated serializer (<see cref="JsonOk{TValue}"/>).</summary>
    public static JsonOk<MeResponse> Me(ClaimsPrincipal user) => new(
        new MeResponse(
            SessionGridClaims.UserIdOf(user),
            SessionGridClaims.UsernameOf(user),
            SessionGridClaims.SessionIdOf(user),
            CredentialNames.Of(SessionGridClaims.CredentialOf(user))),
        ApiJson.Default.MeResponse);

    public static async Task<Results<Ok<SessionResponse[]>, MissingScopeProblem>> ListSessionsAsync(ClaimsPrincipal user, UserGrains users)
    {
        if (await users.Get(user).ListSessionsAsync(SessionGridClaims.ActorOf(user)) is not { } sessions)
        {
            return MissingScopeProblem.Sessions;
        }

        return TypedResults.Ok(sessions.Select(SessionResponse.From).ToArray());
    }

    public static async Task<Results<NoContent, ProblemHttpResult, MissingScopeProblem>> EndSessionAsync(
        string id, ClaimsPrincipal user, UserGrains users)
    {
        if (!GridIds.TryParse(id, out _))
        {
            return Problems.BadRequest("Invalid session id", "A session id is 32 hexadecimal digits, as listed by GET /auth/sessions.");
        }

        if (id == SessionGridClaims.SessionIdOf(user))
        {
            return Problems.BadRequest("This is the current session", "End the current session with POST /auth/logout.");
        }

        // Idempotent: a session that is already gone (or was never yours) needs no ending.
        var outcome = await users.Get(user).EndSessionAsync(SessionGridClaims.ActorOf(user), id);
        if (outcome == RevocationOutcome.Denied)
        {
            return MissingScopeProblem.Sessions;
        }

        return TypedResults.NoContent();
    }

    public static async Task<NoContent> SignOutAsync(HttpContext context, ClaimsPrincipal user, UserGrains users)
    {
        // Any credential may end itself (an API token with the "authenticate" scope alone); one that is no longer
        // live is denied by the grain, and needs no ending.
        var grain = users.Get(user);
        var actor = SessionGridClaims.ActorOf(user);
        var id = SessionGridClaims.SessionIdOf(user);
        _ = SessionGridClaims.CredentialOf(user) == CredentialKind.ApiToken
            ? await grain.RevokeApiTokenAsync(actor, id)
            : await grain.EndSessionAsync(actor, id);
        SessionCookie.Clear(context.Response);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<LogoutEverywhereResponse>, MissingScopeProblem>> SignOutEverywhereAsync(
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] LogoutEverywhereRequest? request,
        HttpContext context,
        ClaimsPrincipal user,
        UserGrains users)
    {
        var keepCurrent = request?.KeepCurrent == true;
        if (await users.Get(user).SignOutEverywhereAsync(SessionGridClaims.ActorOf(user), keepCurrent) is not { } result)
        {
            return MissingScopeProblem.Sessions;
        }

        if (!keepCurrent)
        {
            SessionCookie.Clear(context.Response);
        }

        return TypedResults.Ok(LogoutEverywhereResponse.From(result));
    }

    public static async Task<Results<NoContent, ProblemHttpResult, UnauthorizedProblem, BusyProblem>> ChangePasswordAsync(
        ChangePasswordRequest request, HttpContext context, ClaimsPrincipal user, UserGrains users)
    {
        if (request.CurrentPassword is null || request.NewPassword is null)
        {
            return Problems.BadRequest("Missing password", "Both currentPassword and newPassword are required.");
        }

        if (!AccountRules.IsAcceptablePassword(request.NewPassword))
        {
            return Problems.BadRequest("Invalid new password", AccountRules.PasswordRule);
        }

        var result = await users.Get(user).ChangePasswordAsync(SessionGridClaims.SessionIdOf(user), request.CurrentPassword, request.NewPassword);
        return result.Outcome switch
        {
            PasswordChangeOutcome.Changed => TypedResults.NoContent(),
            PasswordChangeOutcome.WrongPassword => Problems.BadRequest("Wrong current password", "The current password is incorrect."),
            PasswordChangeOutcome.Throttled => Problems.TooManyAttempts(context, result.RetryAfter ?? TimeSpan.FromSeconds(1)),
            PasswordChangeOutcome.Rejected => Problems.BadRequest("Invalid new password", AccountRules.PasswordRule),
            PasswordChangeOutcome.Busy => new BusyProblem(result.RetryAfter ?? TimeSpan.FromSeconds(1)),
            _ => UnauthorizedProblem.Instance,
        };
    }
}
