using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>
/// The login link of a federated sign-in (issue 12, item 1; docs/threat-model.md, B35-B37, T49): it sends the browser
/// to the provider with the authorization code flow, PKCE, state and nonce, its round-trip cookies host-only and Lax;
/// a return URL off this site is a 400 (no open redirect); an unknown provider is a 404; a callback that does not come
/// back from the provider's own redirect issues nothing.
/// </summary>
public sealed class FederatedSignInEndpointTests(FederatedWebGridFixture fixture) : IClassFixture<FederatedWebGridFixture>
{
    private WebGrid Grid => fixture.Grid;

    [Fact]
    public async Task TheLoginLinkPushesTheAuthorizationRequestToTheProviderAndSendsTheBrowserThereByReference()
    {
        var response = await Grid.NewClient().GetAsync("/auth/federation/test/login?returnUrl=/somewhere", TestContext.Current.CancellationToken);

        // RFC 9126: the provider advertises pushed authorization requests, so the request (code flow, PKCE challenge,
        // state, nonce, redirect URI) went to it over the back channel with our client credentials, and the browser
        // carries only its reference; oidc-provider refuses it without PKCE or with an unregistered redirect URI.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal($"{fixture.Provider.Issuer}/auth", location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(TestProvider.ClientId, query["client_id"]);
        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", query["request_uri"].ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("somewhere", location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCorrelationAndNonceCookiesAreHostOnlySecureHttpOnlyAndLax()
    {
        var response = await Grid.NewClient().GetAsync("/auth/federation/test/login", TestContext.Current.CancellationToken);

        var cookies = response.Headers.GetValues("Set-Cookie").ToArray();
        Assert.Equal(2, cookies.Length);
        Assert.Contains(cookies, c => c.StartsWith("__Host-federation-correlation.", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("__Host-federation-nonce.", StringComparison.Ordinal));
        Assert.All(cookies, cookie =>
        {
            var attributes = cookie.ToLowerInvariant();
            Assert.Contains("path=/;", attributes + ";", StringComparison.Ordinal);
            Assert.Contains("secure", attributes, StringComparison.Ordinal);
            Assert.Contains("httponly", attributes, StringComparison.Ordinal);
            Assert.Contains("samesite=lax", attributes, StringComparison.Ordinal);
            Assert.DoesNotContain("domain=", attributes, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("evil.example")]
    [InlineData("/ok\r\nSet-Cookie: x=y")]
    [InlineData("/with space")]
    public async Task AReturnUrlOffThisSiteIsRefusedAndNothingStarts(string returnUrl)
    {
        var response = await Grid.NewClient().GetAsync(
            $"/auth/federation/test/login?returnUrl={Uri.EscapeDataString(returnUrl)}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("/auth/federation/elsewhere/login")]
    [InlineData("/auth/federation/elsewhere/callback?code=x&state=y")]
    public async Task AnUnknownProviderIsNotFound(string path)
    {
        var response = await Grid.NewClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ACallbackWithoutTheStateOfASignInThisGridStartedIssuesNothing()
    {
        var response = await Grid.NewDevice().GetAsync("/auth/federation/test/callback?code=forged&state=forged", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/?signin-error=failed", response.Headers.Location?.OriginalString);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("__Host-sid=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheProviderCancellingTheSignInSendsThePageItsReason()
    {
        var response = await Grid.NewDevice().GetAsync("/auth/federation/test/callback?error=access_denied&state=x", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/?signin-error=", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProviderWhoseMetadataCannotBeFetchedIsAnsweredUnavailableAndNothingStarts()
    {
        var response = await Grid.NewClient().GetAsync("/auth/federation/down/login", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task ThePageListsEachProviderWithItsNameAndLoginLink()
    {
        var response = await Grid.NewClient().GetAsync("/auth/federation/providers", TestContext.Current.CancellationToken);

        var providers = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(
            [("down", "down", "/auth/federation/down/login"), ("test", "test", "/auth/federation/test/login")],
            providers.EnumerateArray().Select(p => (p.GetProperty("name").GetString(), p.GetProperty("displayName").GetString(), p.GetProperty("loginUrl").GetString())));
    }
}
