using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Web.Federation.Keys;

namespace Sessions.Web.Federation.SignIn;

/// <summary>
/// Configures the OpenID Connect scheme of each provider: authorization code flow with PKCE (S256), state and nonce,
/// the response in the query (so the correlation and nonce cookies can be <c>SameSite=Lax</c>: a form post from the
/// provider is a cross-site POST, which never carries them), the provider's metadata and keys from the one shared
/// cache (<see cref="FederationProvider.ConfigurationManager"/>, with its https-except-loopback rule), the ID token
/// signed with an asymmetric algorithm only, claims as the provider named them, and none of the provider's tokens
/// kept. The handler's round-trip data is protected with the grid keys (<see cref="GridKeyDataProtector"/>).
/// </summary>
internal sealed class FederatedSignInOptionsSetup(FederationIssuers issuers, GridKeyRing ring) : IConfigureNamedOptions<OpenIdConnectOptions>
{
    // RFC 7518 §3.1's asymmetric algorithms: never "none", never HS* (the client secret is no signing key).
    private static readonly string[] AsymmetricAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private readonly GridKeyDataProtectionProvider _protection = new(ring);

    public void Configure(OpenIdConnectOptions options)
    {
    }

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (name is null || !name.StartsWith(FederatedSignInDefaults.SchemePrefix, StringComparison.Ordinal)
            || !issuers.Providers.TryGetValue(name[FederatedSignInDefaults.SchemePrefix.Length..], out var provider))
        {
            return;
        }

        options.ConfigurationManager = provider.ConfigurationManager;
        options.ClientId = provider.Options.ClientId;
        options.ClientSecret = provider.Options.ClientSecret;
        options.CallbackPath = FederatedSignInDefaults.CallbackPath(provider.Name);
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.SaveTokens = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.MapInboundClaims = false;
        options.UseTokenLifetime = false;
        options.ClaimActions.Remove("iss");   // kept, so the sign-in names the issuer the handler validated
        options.Scope.Clear();
        foreach (var scope in provider.Options.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            options.Scope.Add(scope);
        }

        options.TokenValidationParameters.ValidAlgorithms = AsymmetricAlgorithms;
        options.DataProtectionProvider = _protection;
        options.EventsType = typeof(FederatedSignInEvents);
        HostOnly(options.CorrelationCookie, "__Host-federation-correlation.");
        HostOnly(options.NonceCookie, "__Host-federation-nonce.");
    }

    // A __Host- cookie (RFC 6265bis §4.1.3.2): Secure, Path=/, no Domain, so no sibling host can set or read it.
    private static void HostOnly(Microsoft.AspNetCore.Http.CookieBuilder cookie, string name)
    {
        cookie.Name = name;
        cookie.Path = "/";
        cookie.Domain = null;
        cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.HttpOnly = true;
        cookie.SameSite = SameSiteMode.Lax;
        cookie.IsEssential = true;
    }
}
