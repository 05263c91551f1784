using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Sessions.Web.Apis.Contracts;
using Sessions.Web.Federation.GlobalRevocation;
using Sessions.Web.Federation.Tokens;
using Sessions.Web.Hosting;

namespace Sessions.Web.Apis;

/// <summary>
/// <c>GET /.well-known/oauth-authorization-server</c> (RFC 8414): anonymous, as discovery is. The issuer is the origin the
/// request reached (a configured public origin, see <see cref="PublicEndpoints"/>), so a client that fetched the document
/// there finds the <c>issuer</c> it expects (§3.3). Authentication methods: introspection takes a resource server's HTTP
/// Basic credentials (<c>client_secret_basic</c>); revocation takes them or nothing (<c>none</c>, public clients);
/// global token revocation takes a provider's signed JWT (<c>private_key_jwt</c>, sent as a bearer) or an operator key
/// (<c>Bearer</c>), with the asymmetric algorithms listed.
/// </summary>
public static class AuthorizationServerMetadataApi
{
    /// <summary>The metadata's path (RFC 8414 §3).</summary>
    public const string Path = "/.well-known/oauth-authorization-server";

    public static IEndpointRouteBuilder MapAuthorizationServerMetadataApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, Get)
            .WithJsonResponse(StatusCodes.Status200OK, typeof(AuthorizationServerMetadata), "RFC 8414 §3.2: the metadata, under the origin it was fetched at.")

            // Built from configuration alone, so never answered 503 by itself; declared as on every endpoint, because a
            // client should treat any 503 of the grid alike: retry after Retry-After.
            .WithProblemResponse(StatusCodes.Status503ServiceUnavailable, "Not given by this endpoint itself; like any 503 of the grid, retry after Retry-After.");
        return endpoints;
    }

    public static Ok<AuthorizationServerMetadata> Get(HttpContext context, IOptions<WebOptions> web)
    {
        var origin = PublicEndpoints.OriginOf(context.Request, web.Value);
        return TypedResults.Ok(new AuthorizationServerMetadata(
            origin,
            [],
            origin + "/oauth/introspect",
            ["client_secret_basic"],
            origin + "/oauth/revoke",
            ["none", "client_secret_basic"],
            origin + GlobalTokenRevocationApi.Path,
            ["private_key_jwt", "Bearer"],
            SignedJwtReader.Algorithms));
    }
}
