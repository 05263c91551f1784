using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Abstractions.Users;
using Sessions.Web.Apis.Contracts;
using Sessions.Web.Authentication;
using Sessions.Web.Authentication.ResourceServers;
using Sessions.Web.Grid;
using Sessions.Web.Http;
using Sessions.Web.OpenApi;

namespace Sessions.Web.Apis;

/// <summary>
/// The standard endpoints resource servers and OAuth clients already speak: RFC 7662 token introspection (for
/// configured resource servers only) and RFC 7009 token revocation. Form-encoded requests, RFC 6749 error bodies.
/// Client authentication is the resource server scheme's, and comes before anything else.
/// </summary>
public static class OAuthApi
{
    private const string FormUrlEncoded = "application/x-www-form-urlencoded";

    public static RouteGroupBuilder MapOAuthApi(this RouteGroupBuilder oauth)
    {
        oauth.MapPost("/introspect", IntrospectAsync)
            .DisableAntiforgery()
            .WithMetadata(new FormBodyMetadata(typeof(TokenForm)))
            .RequireAuthorization(Policies.ResourceServer)
            .WithJsonResponse(StatusCodes.Status200OK, typeof(IntrospectionResponse), "RFC 7662 §2.2: the token's description, or only {\"active\":false}.")
            .WithJsonResponse(StatusCodes.Status400BadRequest, typeof(OAuthError), "invalid_request: not a form with exactly one token parameter.")
            .WithJsonResponse(StatusCodes.Status401Unauthorized, typeof(OAuthError), "invalid_client: not the HTTP Basic credentials of a configured resource server.")
            .WithJsonResponse(StatusCodes.Status503ServiceUnavailable, typeof(OAuthError), "temporarily_unavailable: the grid could not decide; retry after Retry-After.")
            .ProducesGridUnavailable();
        oauth.MapPost("/revoke", RevokeAsync)
            .DisableAntiforgery()
            .WithMetadata(new FormBodyMetadata(typeof(TokenForm)))
            .WithEmptyResponse(StatusCodes.Status200OK, "RFC 7009 §2.2: revoked, or nothing to revoke (unknown and invalid tokens alike).")
            .WithJsonResponse(StatusCodes.Status400BadRequest, typeof(OAuthError), "invalid_request: not a form with exactly one token parameter.")
            .WithJsonResponse(StatusCodes.Status401Unauthorized, typeof(OAuthError), "invalid_client: credentials were sent and are not valid (public clients send none).")
            .ProducesGridUnavailable();
        return oauth;
    }

    public static async Task<IResult> IntrospectAsync(HttpContext context, TokenCodec codec, UserGrains users)
    {
        var (token, problem) = await ReadTokenAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        if (!codec.TryRead(token, out var fields))
        {
            return TypedResults.Json(IntrospectionResponse.Inactive, ApiJson.Default.IntrospectionResponse);
        }

        var verdict = await users.Get(fields.UserId).IntrospectAsync(token!);
        if (verdict.Outcome == ValidationOutcome.Unavailable)
        {
            GridUnavailable.Mark(context.Response);
            return TypedResults.Json(
                new OAuthError("temporarily_unavailable", "The session store could not answer; retry."), ApiJson.Default.OAuthError);
        }

        var answer = verdict.IsValid
            ? new IntrospectionResponse(true, verdict.UserId, verdict.Username, TokenTypeNames.Of(fields.Kind), verdict.ExpiresAt.ToUnixTimeSeconds(),
                verdict.SessionId, CredentialNames.Of(verdict.Kind), ApiTokenScopeNames.Format(verdict.Scopes))
            : IntrospectionResponse.Inactive;
        return TypedResults.Json(answer, ApiJson.Default.IntrospectionResponse);
    }

    public static async Task<IResult> RevokeAsync(HttpContext context, TokenCodec codec, UserGrains users)
    {
        // Public clients (apps) revoke with the token alone; a client that sends credentials must send good ones.
        var client = await context.AuthenticateAsync(ResourceServerAuthenticationDefaults.AuthenticationScheme);
        if (client.Failure is not null)
        {
            var challenge = new AuthenticationProperties();
            challenge.SetParameter(ResourceServerAuthenticationDefaults.ErrorDescriptionParameter, "The client credentials are not valid.");
            return TypedResults.Challenge(challenge, [ResourceServerAuthenticationDefaults.AuthenticationScheme]);
        }

        var (token, problem) = await ReadTokenAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        // RFC 7009 §2.2: unknown, invalid and already revoked tokens are answered 200 just the same.
        if (codec.TryRead(token, out var fields))
        {
            await users.Get(fields.UserId).RevokeTokenAsync(token!);
        }

        return Results.Ok();
    }

    private static async Task<(string? Token, IResult? Problem)> ReadTokenAsync(HttpContext context)
    {
        // RFC 7662 §2.1 and RFC 7009 §2.1: form-urlencoded only (a multipart body is no form these endpoints speak).
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            || !type.MediaType.Equals(FormUrlEncoded, StringComparison.OrdinalIgnoreCase))
        {
            return (null, InvalidRequest("Send application/x-www-form-urlencoded with a token parameter."));
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            // The form reader's limits (field count, name and value length): hostile input, not a server error.
            return (null, InvalidRequest("The form exceeds the limits on fields and their length."));
        }

        if (!form.TryGetValue("token", out StringValues token) || token.Count != 1 || string.IsNullOrEmpty(token[0])
            || form.Any(field => field.Value.Count > 1))
        {
            return (null, InvalidRequest("Exactly one token parameter is required, and no parameter may repeat."));
        }

        return (token[0], null);
    }

    private static JsonHttpResult<OAuthError> InvalidRequest(string description) =>
        TypedResults.Json(new OAuthError("invalid_request", description), ApiJson.Default.OAuthError, statusCode: StatusCodes.Status400BadRequest);
}
