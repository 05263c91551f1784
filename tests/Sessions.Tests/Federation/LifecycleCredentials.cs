using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Grains.Abstractions.Federation;
using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>One user's credentials of every kind — a browser cookie, an app's access and refresh tokens, an API token —
/// and how each fares on its next request, as a client outside would see it. <c>clients</c> makes a new client of the
/// grid without cookies (in memory, or over loopback to a grid process).</summary>
public sealed record LifecycleCredentials(string UserId, string Cookie, string AccessToken, string RefreshToken, string ApiToken)
{
    /// <summary>A user registered with a password, signed in on a browser and an app, with an API token.</summary>
    public static Task<LifecycleCredentials> OfPasswordUserAsync(WebGrid grid, string? username = null) =>
        OfPasswordUserAsync(grid.NewClient, username);

    /// <summary>As the other overload, through any grid.</summary>
    public static async Task<LifecycleCredentials> OfPasswordUserAsync(Func<HttpClient> clients, string? username = null)
    {
        using var client = clients();
        username = await client.RegisterAsync(username);
        var login = await client.PostAsJsonAsync("/auth/login", new { username, password = TestUser.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0].Split('=', 2)[1];
        var app = await client.SignInAppAsync(username);
        return new LifecycleCredentials(app.UserId, cookie, app.AccessToken, app.RefreshToken, await ApiTokenAsync(clients, cookie));
    }

    /// <summary>A user who signed in through provider <paramref name="providerName"/> (issuer <paramref name="issuer"/>) as
    /// <paramref name="subject"/>, on a browser and an app, with an API token: the grain calls the sign-in callback makes.</summary>
    public static async Task<LifecycleCredentials> OfFederatedUserAsync(WebGrid grid, string providerName, string issuer, string subject)
    {
        var identity = new ExternalIdentity(issuer, subject);
        var link = grid.Services.GetRequiredService<IGrainFactory>().GetGrain<IExternalIdentityGrain>(ExternalIdentities.GrainKey(identity));
        var browser = await SignInAsync(link, providerName, identity, CredentialKind.Browser);
        var app = await SignInAsync(link, providerName, identity, CredentialKind.App);
        return new LifecycleCredentials(browser.UserId, browser.SessionToken!, app.AccessToken!, app.RefreshToken!, await ApiTokenAsync(grid.NewClient, browser.SessionToken!));
    }

    /// <summary>The status of the next request of the browser, the app and the API token (<c>GET /auth/me</c>); changes nothing.</summary>
    public Task<HttpStatusCode[]> NextRequestsAsync(WebGrid grid) => NextRequestsAsync(grid.NewClient);

    /// <summary>As the other overload, through any grid.</summary>
    public async Task<HttpStatusCode[]> NextRequestsAsync(Func<HttpClient> clients)
    {
        using var browser = WithCookie(clients(), Cookie);
        using var app = WithBearer(clients(), AccessToken);
        using var script = WithBearer(clients(), ApiToken);
        return [await browser.MeAsync(), await app.MeAsync(), await script.MeAsync()];
    }

    /// <summary>Whether the app can still refresh (uses the refresh token up when it can).</summary>
    public Task<HttpStatusCode> RefreshAsync(WebGrid grid) => RefreshAsync(grid.NewClient);

    /// <summary>As the other overload, through any grid.</summary>
    public async Task<HttpStatusCode> RefreshAsync(Func<HttpClient> clients)
    {
        using var client = clients();
        return (await client.PostAsJsonAsync("/auth/refresh", new { refreshToken = RefreshToken })).StatusCode;
    }

    /// <summary>A client of <paramref name="grid"/> that presents <paramref name="cookie"/> as the session cookie.</summary>
    public static HttpClient WithCookie(WebGrid grid, string cookie) => WithCookie(grid.NewClient(), cookie);

    private static HttpClient WithCookie(HttpClient client, string cookie)
    {
        client.DefaultRequestHeaders.Add("Cookie", $"__Host-sid={cookie}");
        return client;
    }

    private static HttpClient WithBearer(HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<IssuedSession> SignInAsync(IExternalIdentityGrain link, string providerName, ExternalIdentity identity, CredentialKind kind)
    {
        var result = await link.SignInAsync(new FederatedSignIn(
            providerName, identity, "fed" + identity.Subject[..8], $"sid-{Guid.NewGuid():N}", TestClock.Start, new SignInRequest(kind, "device", "127.0.0.1", "tests")));
        Assert.Equal(SignInOutcome.SignedIn, result.Outcome);
        return result.Session!;
    }

    private static async Task<string> ApiTokenAsync(Func<HttpClient> clients, string cookie)
    {
        using var browser = WithCookie(clients(), cookie);
        var response = await browser.PostAsJsonAsync("/auth/tokens", new { name = "job" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedToken>())!.Token;
    }
}
