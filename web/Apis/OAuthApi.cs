using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Abstractions.Users;
using Sessions.Web.Apis.Contracts;
using Sessions.Web.Authentication;
using Sessions.Web.Security;

namespace Sessions.Web.Apis;

/// <summary>
/// The standard endpoints resource servers and OAuth clients already speak: RFC 7662 token introspection (for
/// configured resource servers only) and RFC 7009 token revocation. Form-encoded requests, RFC 6749 error bodies.
/// </summary>
public static class OAuthApi
{
    private const string Basic = "Basic realm=\"session-grid\"";
    private const string FormUrlEncoded = "application/x-www-form-urlencoded";

    public static RouteGroupBuilder MapOAuthApi(this RouteGroupBuilder oauth)
    {
        oauth.MapPost("/introspect", IntrospectAsync).DisableAntiforgery();
        oauth.MapPost("/revoke", RevokeAsync).DisableAntiforgery();
        return oauth;
    }

    public static async Task<IResult> IntrospectAsync(HttpContext context, ResourceServerAuthenticator clients, TokenCodec codec, IGrainFactory grains)
    {
        if (!clients.IsAuthenticated(context.Request))
        {
            context.Response.Headers.WWWAuthenticate = Basic;
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", "Introspection needs the credentials of a configured resource server (HTTP Basic).");
        }

        var (token, problem) = await ReadTokenAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        if (!codec.TryRead(token, out var fields))
        {
            return TypedResults.Json(IntrospectionResponse.Inactive, ApiJson.Default.IntrospectionResponse);
        }

        var verdict = await grains.GetGrain<IUserGrain>(GridIds.Format(fields.UserId)).IntrospectAsync(token!);
        if (verdict.Outcome == ValidationOutcome.Unavailable)
        {
            context.Response.Headers.RetryAfter = "1";
            return Error(StatusCodes.Status503ServiceUnavailable, "temporarily_unavailable", "The session store could not answer; retry.");
        }

        var answer = verdict.IsValid
            ? new IntrospectionResponse(true, verdict.UserId, verdict.Username, TokenType(fields.Kind), verdict.ExpiresAt.ToUnixTimeSeconds(),
                verdict.SessionId, CredentialNames.Of(verdict.Kind))
            : IntrospectionResponse.Inactive;
        return TypedResults.Json(answer, ApiJson.Default.IntrospectionResponse);
    }

    public static async Task<IResult> RevokeAsync(HttpContext context, ResourceServerAuthenticator clients, TokenCodec codec, IGrainFactory grains)
    {
        // Public clients (apps) revoke with the token alone; a client that sends credentials must send good ones.
        if (!ResourceServerAuthenticator.IsAnonymous(context.Request) && !clients.IsAuthenticated(context.Request))
        {
            context.Response.Headers.WWWAuthenticate = Basic;
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", "The client credentials are not valid.");
        }

        var (token, problem) = await ReadTokenAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        // RFC 7009 §2.2: unknown, invalid and already revoked tokens are answered 200 just the same.
        if (codec.TryRead(token, out var fields))
        {
            await grains.GetGrain<IUserGrain>(GridIds.Format(fields.UserId)).RevokeTokenAsync(token!);
        }

        return Results.Ok();
    }

    private static async Task<(string? Token, IResult? Problem)> ReadTokenAsync(HttpContext context)
    {
        // RFC 7662 §2.1 and RFC 7009 §2.1: form-urlencoded only (a multipart body is no form these endpoints speak).
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            || !type.MediaType.Equals(FormUrlEncoded, StringComparison.OrdinalIgnoreCase))
        {
            return (null, Error(StatusCodes.Status400BadRequest, "invalid_request", "Send application/x-www-form-urlencoded with a token parameter."));
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            // The form reader's limits (field count, name and value length): hostile input, not a server error.
            return (null, Error(StatusCodes.Status400BadRequest, "invalid_request", "The form exceeds the limits on fields and their length."));
        }

        if (!form.TryGetValue("token", out StringValues token) || token.Count != 1 || string.IsNullOrEmpty(token[0])
            || form.Any(field => field.Value.Count > 1))
        {
            return (null, Error(StatusCodes.Status400BadRequest, "invalid_request", "Exactly one token parameter is required, and no parameter may repeat."));
        }

        return (token[0], null);
    }

    private static string TokenType(TokenKind kind) => kind switch
    {
        TokenKind.AccessToken => "access_token",
        TokenKind.RefreshToken => "refresh_token",
        TokenKind.ApiToken => "api_token",
        _ => "session_token",
    };

    private static JsonHttpResult<OAuthError> Error(int status, string error, string description) =>
        TypedResults.Json(new OAuthError(error, description), ApiJson.Default.OAuthError, statusCode: status);
}
