using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Sessions.Grains.Abstractions.Federation;
using Sessions.Grains.Abstractions.Users;
using Sessions.Web.Apis;
using Sessions.Web.Authentication.SessionGrid;
using Sessions.Web.Federation.Keys;

namespace Sessions.Web.Federation.SignIn;

/// <summary>
/// The end of a federated sign-in: ASP.NET's handler has redeemed the code (with PKCE) and validated the ID token
/// (signature, issuer, audience, nonce, lifetime); here the person is signed in to the grid, as a password sign-in
/// would be (the <c>__Host-sid</c> cookie), and the browser goes to its return URL. No ASP.NET cookie session is made
/// (<c>HandleResponse</c> ends the request before the handler's own
/// sign-in), and the provider's tokens are dropped with the request. A failure at the provider sends the browser back
/// to the page with a reason and issues nothing.
/// </summary>
internal sealed class FederatedSignInEvents(IGrainFactory grains, FederationIssuers issuers, ILogger<FederatedSignInEvents> logger)
    : OpenIdConnectEvents
{
    public override async Task TicketReceived(TicketReceivedContext context)
    {
        var provider = ProviderOf(context.Scheme.Name);
        var request = SignInFrom(context.Principal, provider, context.HttpContext);
        if (request is null || !ReturnUrls.TryAccept(context.ReturnUri, out var returnUrl))
        {
            SignInLog.Refused(logger, provider.Name, "the ID token lacks a subject from the configured issuer");
            Back(context, "failed");
            return;
        }

        var result = await grains.GetGrain<IExternalIdentityGrain>(ExternalIdentities.GrainKey(request.Identity)).SignInAsync(request);
        switch (result)
        {
            case { Outcome: SignInOutcome.SignedIn, Session.SessionToken: { } token }:
                SessionCookie.Append(context.Response, token);
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Redirect(returnUrl);
                context.HandleResponse();
                SignInLog.SignedIn(logger, provider.Name);
                return;
            case { Outcome: SignInOutcome.Disabled }:
                SignInLog.Refused(logger, provider.Name, "the account is disabled");
                Back(context, "disabled");
                return;
            default:
                SignInLog.Refused(logger, provider.Name, $"the grid answered {result.Outcome}");
                Back(context, "failed");
                return;
        }
    }

    public override Task AccessDenied(AccessDeniedContext context)
    {
        SignInLog.ProviderFailed(logger, ProviderOf(context.Scheme.Name).Name, "access_denied");
        context.Response.Redirect(PageWith("denied"));
        context.HandleResponse();
        return Task.CompletedTask;
    }

    public override Task RemoteFailure(RemoteFailureContext context)
    {
        // The exception type only: the message may echo the provider's error_description, which is not ours to log.
        SignInLog.ProviderFailed(logger, ProviderOf(context.Scheme.Name).Name, context.Failure?.GetType().Name ?? "unknown");
        context.Response.Redirect(PageWith("failed"));
        context.HandleResponse();
        return Task.CompletedTask;
    }

    /// <summary>The sign-in as the grid records it, or null when the ID token does not say who the person is at the
    /// configured issuer.</summary>
    internal static FederatedSignIn? SignInFrom(ClaimsPrincipal? principal, FederationProvider provider, HttpContext context)
    {
        // The handler validated iss against the provider's metadata, whose issuer must be the authority; checked again.
        var subject = NonEmpty(principal?.FindFirst("sub")?.Value);
        if (subject is null || !string.Equals(principal!.FindFirst("iss")?.Value, provider.Issuer, StringComparison.Ordinal))
        {
            return null;
        }

        return new FederatedSignIn(
            provider.Name,
            new ExternalIdentity(provider.Issuer, subject),
            NonEmpty(principal.FindFirst("preferred_username")?.Value),
            NonEmpty(principal.FindFirst("sid")?.Value),
            AuthTime(principal.FindFirst("auth_time")?.Value),
            ClientDescription.For(context, CredentialKind.Browser, device: null));
    }

    private FederationProvider ProviderOf(string scheme) => issuers.Providers[scheme[FederatedSignInDefaults.SchemePrefix.Length..]];

    private static void Back(TicketReceivedContext context, string reason)
    {
        context.Response.Redirect(PageWith(reason));
        context.HandleResponse();
    }

    private static string PageWith(string reason) => $"/?{FederatedSignInDefaults.ErrorParameter}={reason}";

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static DateTimeOffset? AuthTime(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 253402300800
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
