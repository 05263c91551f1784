using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Sessions.Web.Apis.Contracts;
using Sessions.Web.Federation.BackChannelLogout;
using Sessions.Web.Federation.Keys;
using Sessions.Web.Http;
using Sessions.Web.OpenApi;

namespace Sessions.Web.Apis;

/// <summary>
/// The OpenID Connect Back-Channel Logout 1.0 receiver (issue 12, item 2): a provider posts a logout token, and the
/// grid sessions it names end, durably, before the 200. Validation is <see cref="LogoutTokenValidator"/>'s; the
/// token id is checked in the replay record before acting and recorded only after, so a failure anywhere leaves the
/// provider's retry working (docs/threat-model.md, B38). Every answer is <c>Cache-Control: no-store</c> (§2.8).
/// </summary>
public static class BackChannelLogoutApi
{
    private const string FormUrlEncoded = "application/x-www-form-urlencoded";

    public static RouteGroupBuilder MapBackChannelLogoutApi(this RouteGroupBuilder auth)
    {
        auth.MapPost("/federation/{name}/backchannel-logout", LogOutAsync)
            .DisableAntiforgery()
            .WithMetadata(new FormBodyMetadata(typeof(LogoutTokenForm)))
            .WithEmptyResponse(StatusCodes.Status200OK, "The sessions the token names have ended, durably (or none matched).")
            .WithJsonResponse(StatusCodes.Status400BadRequest, typeof(OAuthError), "invalid_request: no valid logout token (or a replayed one); nothing was revoked.")
            .WithJsonResponse(StatusCodes.Status503ServiceUnavailable, typeof(OAuthError), "temporarily_unavailable: the logout could not be made durable; nothing is acknowledged, retry.");
        return auth;
    }

    public static async Task<Results<Ok, JsonHttpResult<OAuthError>>> LogOutAsync(
        string name, HttpContext context, LogoutTokenValidator validator, FederationIssuers issuers, ProviderLogout logout)
    {
        context.Response.Headers.CacheControl = "no-store";
        var (form, problem) = await ReadLogoutTokenAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        var validated = await validator.ValidateAsync(name, form, context.RequestAborted);
        if (!validated.IsValid)
        {
            // The provider's keys could not be fetched: our fault, so the provider should retry, not drop the logout.
            return validated.Failure.IsTransient ? Unavailable(context) : InvalidRequest(validated.Failure.Description);
        }

        return await logout.ReceiveAsync(issuers.Providers[name], validated.Token) switch
        {
            LogoutOutcome.Done => TypedResults.Ok(),
            LogoutOutcome.Replayed => InvalidRequest("This logout_token was received before (its jti is not new)."),
            _ => Unavailable(context),
        };
    }

    private static async Task<(string? Token, JsonHttpResult<OAuthError>? Problem)> ReadLogoutTokenAsync(HttpContext context)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            || !type.MediaType.Equals(FormUrlEncoded, StringComparison.OrdinalIgnoreCase))
        {
            return (null, InvalidRequest("Send application/x-www-form-urlencoded with a logout_token parameter."));
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return (null, InvalidRequest("The form exceeds the limits on fields and their length."));
        }

        if (!form.TryGetValue("logout_token", out StringValues token) || token.Count != 1 || string.IsNullOrEmpty(token[0])
            || form.Any(field => field.Value.Count > 1))
        {
            return (null, InvalidRequest("Exactly one logout_token parameter is required, and no parameter may repeat."));
        }

        return (token[0], null);
    }

    private static JsonHttpResult<OAuthError> InvalidRequest(string description) =>
        TypedResults.Json(new OAuthError("invalid_request", description), ApiJson.Default.OAuthError, statusCode: StatusCodes.Status400BadRequest);

    private static JsonHttpResult<OAuthError> Unavailable(HttpContext context)
    {
        GridUnavailable.Mark(context.Response);
        return TypedResults.Json(
            new OAuthError("temporarily_unavailable", "The logout could not be made durable; nothing was acknowledged. Retry."),
            ApiJson.Default.OAuthError,
            statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
