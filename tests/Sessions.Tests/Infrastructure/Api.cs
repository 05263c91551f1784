using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Sessions.Tests.Infrastructure;

/// <summary>Shortcuts for the HTTP API, written as a client outside this repository would use it. Users have
/// <see cref="TestUser.Password"/>.</summary>
public static class Api
{
    /// <summary>Registers a new user through <paramref name="client"/> (any server: in memory, Kestrel, a proxy)
    /// and returns the username.</summary>
    public static async Task<string> RegisterAsync(this HttpClient client, string? username = null)
    {
        username ??= $"u{Guid.NewGuid():N}";
        var response = await client.PostAsJsonAsync("/auth/register", new { username, password = TestUser.Password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return username;
    }

    /// <summary>Registers a new user through the API and returns the username.</summary>
    public static async Task<string> RegisterAsync(this WebGrid grid, string? username = null)
    {
        using var client = grid.NewClient();
        return await client.RegisterAsync(username);
    }

    /// <summary>Signs a new device (a cookie-keeping client) in with a browser session.</summary>
    public static async Task<HttpClient> SignInBrowserAsync(this WebGrid grid, string username, string? device = null)
    {
        var browser = grid.NewDevice();
        var response = await browser.PostAsJsonAsync("/auth/login", new { username, password = TestUser.Password, device });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return browser;
    }

    /// <summary>Signs a browser session in without keeping it, and returns the session cookie's value.</summary>
    public static async Task<string> SessionCookieAsync(this WebGrid grid, string username)
    {
        using var client = grid.NewClient();
        var response = await client.PostAsJsonAsync("/auth/login", new { username, password = TestUser.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0].Split('=', 2)[1];
    }

    /// <summary>Signs an app in through <paramref name="client"/> and returns its token pair.</summary>
    public static async Task<AppTokens> SignInAppAsync(this HttpClient client, string username, string? device = null)
    {
        var response = await client.PostAsJsonAsync("/auth/login", new { username, password = TestUser.Password, client = "app", device });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AppTokens>())!;
    }

    /// <summary>Signs an app in and returns its token pair.</summary>
    public static async Task<AppTokens> SignInAppAsync(this WebGrid grid, string username, string? device = null)
    {
        using var client = grid.NewClient();
        return await client.SignInAppAsync(username, device);
    }

    /// <summary>A client that presents <paramref name="token"/> as a bearer token.</summary>
    public static HttpClient Bearer(this WebGrid grid, string token)
    {
        var client = grid.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates an API token through a signed-in client, with <paramref name="scopes"/> when given (wire names).</summary>
    public static async Task<CreatedToken> CreateApiTokenAsync(
        this HttpClient signedIn, string name = "job", int? expiresInDays = null, string[]? scopes = null)
    {
        var response = await signedIn.PostAsJsonAsync("/auth/tokens", new { name, expiresInDays, scopes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedToken>())!;
    }

    public static async Task<HttpStatusCode> MeAsync(this HttpClient client) => (await client.GetAsync("/auth/me")).StatusCode;

    public static async Task<HttpResponseMessage> RefreshAsync(this WebGrid grid, string refreshToken)
    {
        using var client = grid.NewClient();
        return await client.PostAsJsonAsync("/auth/refresh", new { refreshToken });
    }
}

public sealed record AppTokens(
    string UserId, string SessionId, string AccessToken, DateTimeOffset AccessTokenExpiresAt, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt);

public sealed record CreatedToken(string Id, string Token, DateTimeOffset ExpiresAt, string[] Scopes);

public sealed record TokenRow(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, string[] Scopes);

public sealed record MeBody(string UserId, string Username, string SessionId, string Credential);

public sealed record SessionRow(
    string Id, string Kind, string? Device, string? IpAddress, string? UserAgent,
    DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt, bool Current);

public sealed record SignOutEverywhere(int RevokedSessions, int RevokedTokens, DateTimeOffset NotBefore);
