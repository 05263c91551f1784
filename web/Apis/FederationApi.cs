using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Sessions.Web.Apis.Contracts;
using Sessions.Web.Federation.Keys;
using Sessions.Web.Federation.SignIn;
using Sessions.Web.Grid;
using Sessions.Web.Http;

namespace Sessions.Web.Apis;

/// <summary>
/// Sign-in through the configured OpenID Connect providers (issue 12, item 1): the page's list of providers, the
/// login link that starts the authorization code flow, and the redirect URI the provider sends the browser back to.
/// The back-channel logout receiver is <see cref="BackChannelLogoutApi"/>.
/// </summary>
public static class FederationApi
{
    public static RouteGroupBuilder MapFederationApi(this RouteGroupBuilder auth)
    {
        var federation = auth.MapGroup("/federation");
        federation.MapGet("/providers", ListProviders)
            .WithJsonResponse(StatusCodes.Status200OK, typeof(FederationProviderResponse[]), "The providers a person can sign in with, for the page's buttons.")
            .ProducesGridUnavailable();
        federation.MapGet("/{name}/login", LoginAsync)
            .WithEmptyResponse(StatusCodes.Status302Found, "To the provider's authorization endpoint (code flow with PKCE, state and nonce).")
            .WithProblemResponse(StatusCodes.Status400BadRequest, ReturnUrls.Rule)
            .WithProblemResponse(StatusCodes.Status404NotFound, "No provider of that name is configured.")
            .ProducesGridUnavailable();
        federation.MapGet("/{name}/callback", CallbackAsync)
            .WithEmptyResponse(StatusCodes.Status302Found, "Signed in (the __Host-sid cookie is set): to the return URL; or back to the page with ?signin-error=denied|disabled|failed, nothing issued.")
            .WithProblemResponse(StatusCodes.Status404NotFound, "No provider of that name is configured.")
            .ProducesGridUnavailable();
        return auth;
    }

    public static Ok<FederationProviderResponse[]> ListProviders(FederationIssuers issuers) => TypedResults.Ok(
        issuers.Providers.Values
            .OrderBy(p => p.DisplayName, StringComparer.Ordinal)
            .Select(p => new FederationProviderResponse(p.Name, p.DisplayName, $"/auth/federation/{p.Name}/login"))
            .ToArray());

    public static async Task<Results<ChallengeHttpResult, ProblemHttpResult>> LoginAsync(
        string name, string? returnUrl, FederationIssuers issuers, CancellationToken cancellationToken)
    {
        if (!issuers.Providers.TryGetValue(name, out var provider))
        {
            return UnknownProvider();
        }

        if (!ReturnUrls.TryAccept(returnUrl, out var accepted))
        {
            return Problems.BadRequest("Invalid return URL", ReturnUrls.Rule);
        }

        await EnsureMetadataAsync(provider, cancellationToken);
        return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = accepted }, [FederatedSignInDefaults.SchemeOf(name)]);
    }

    /// <summary>Lets the provider's scheme finish the sign-in (<see cref="FederatedSignInEvents"/>): only on this path,
    /// so no authentication middleware runs for any other request.</summary>
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> CallbackAsync(
        string name, HttpContext context, IAuthenticationHandlerProvider handlers, FederationIssuers issuers)
    {
        if (issuers.Providers.ContainsKey(name)
            && await handlers.GetHandlerAsync(context, FederatedSignInDefaults.SchemeOf(name)) is IAuthenticationRequestHandler handler
            && await handler.HandleRequestAsync())
        {
            return TypedResults.Empty;
        }

        return UnknownProvider();
    }

    // The handler needs the provider's metadata to build its redirect; cached, this costs nothing. When it cannot be
    // fetched, the answer is the grid's 503 (retry), not the handler's 500.
    private static async Task EnsureMetadataAsync(FederationProvider provider, CancellationToken cancellationToken)
    {
        try
        {
            await provider.ConfigurationManager.GetConfigurationAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new GridUnavailableException("The provider's metadata could not be fetched.", exception);
        }
    }

    private static ProblemHttpResult UnknownProvider() =>
        TypedResults.Problem("No identity provider of that name is configured.", statusCode: StatusCodes.Status404NotFound, title: "Unknown provider");
}
