using Microsoft.AspNetCore.Mvc;

namespace Sessions.Web.Apis;

/// <summary>
/// The answers an endpoint gives besides its success, declared beside the endpoint so the OpenAPI document
/// (<c>/openapi/v1.json</c>) lists every one of them. Answers that middleware gives to any endpoint (a credential in
/// the URL, a cross-site request, an unreadable body) are added by <c>OpenApi/MiddlewareResponses</c>.
/// </summary>
internal static class ApiResponses
{
    private const string ProblemJson = "application/problem+json";
    private const string Json = "application/json";

    /// <summary>A problem (<c>application/problem+json</c>) with this status, described for client authors.</summary>
    public static TBuilder WithProblemResponse<TBuilder>(this TBuilder endpoint, int statusCode, string description)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new ProducesResponseTypeMetadata(statusCode, typeof(ProblemDetails), [ProblemJson]) { Description = description });

    /// <summary>A JSON body of <paramref name="body"/> with this status (the OAuth error of <c>/oauth</c>).</summary>
    public static TBuilder WithJsonResponse<TBuilder>(this TBuilder endpoint, int statusCode, Type body, string description)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new ProducesResponseTypeMetadata(statusCode, body, [Json]) { Description = description });

    /// <summary>A status without a body (<c>/auth/check</c>, <c>/oauth/revoke</c>).</summary>
    public static TBuilder WithEmptyResponse<TBuilder>(this TBuilder endpoint, int statusCode, string description)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new ProducesResponseTypeMetadata(statusCode, typeof(void)) { Description = description });

    /// <summary>400: a field or a route parameter breaks its rule; the problem's title and detail say which.</summary>
    public static TBuilder ProducesBadRequest<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithProblemResponse(StatusCodes.Status400BadRequest, "The request breaks the contract; the problem's title and detail say how.");

    /// <summary>401 and 503 of the session grid scheme: no live credential, or the grid could not decide.</summary>
    public static TBuilder ProducesSignedInRefusals<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint
            .WithProblemResponse(StatusCodes.Status401Unauthorized, "No live credential: missing, malformed, expired or revoked (one body for all). Sign in again.")
            .ProducesGridUnavailable();

    /// <summary>403 of <see cref="Authentication.Policies.Session"/>: API tokens cannot do this.</summary>
    public static TBuilder ProducesSessionOnly<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithProblemResponse(StatusCodes.Status403Forbidden, "This needs a browser or app session; an API token cannot do it.");

    /// <summary>403 of <see cref="Authentication.Policies.ManageSessions"/> (and of the user grain, which checks again):
    /// an API token created without the <c>sessions</c> scope cannot do this.</summary>
    public static TBuilder ProducesMissingScope<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithProblemResponse(StatusCodes.Status403Forbidden,
            "This needs the \"sessions\" scope: a browser or app session, or an API token created with it. Nothing was changed.");

    /// <summary>429 with Retry-After: too many failed password attempts for the account.</summary>
    public static TBuilder ProducesTooManyAttempts<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithProblemResponse(StatusCodes.Status429TooManyRequests, "Too many failed attempts for this account; wait for the seconds in Retry-After.");

    /// <summary>429 with Retry-After: too many of these attempts from the client's network (the per-address limit).</summary>
    public static TBuilder ProducesTooManyFromNetwork<TBuilder>(this TBuilder endpoint, string attempts)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithProblemResponse(StatusCodes.Status429TooManyRequests, $"Too many {attempts} from this network (per IPv4 /24 or IPv6 /64, whatever their outcome); wait for the seconds in Retry-After.");

    /// <summary>429 with Retry-After of sign-in: the client's network or the account made too many attempts.</summary>
    public static TBuilder ProducesTooManyAttemptsOrFromNetwork<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithProblemResponse(StatusCodes.Status429TooManyRequests, "Too many sign-in attempts from this network (per IPv4 /24 or IPv6 /64), or too many failed attempts for this account; wait for the seconds in Retry-After.");

    /// <summary>503 with Retry-After of an endpoint that checks a password: the grid could not decide, or every
    /// password-hashing slot was taken; nothing changed.</summary>
    public static TBuilder ProducesGridUnavailableOrBusy<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithProblemResponse(StatusCodes.Status503ServiceUnavailable, "The session grid could not decide, or is busy checking passwords; nothing was allowed or changed. Retry after Retry-After.");

    /// <summary>503 with Retry-After: the grid could not decide or could not make a change durable; nothing changed.</summary>
    public static TBuilder ProducesGridUnavailable<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithProblemResponse(StatusCodes.Status503ServiceUnavailable, "The session grid could not decide; nothing was allowed or changed. Retry after Retry-After.");
}
