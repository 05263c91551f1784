using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Web;

/// <summary>Cookie attributes and logout headers (docs/threat-model.md, T30); cross-site requests refused (T32).</summary>
[Collection(SharedWeb.Name)]
public sealed partial class CookieAndCrossSiteTests(WebGridFixture fixture, PublicOriginsWebFixture published) : IClassFixture<PublicOriginsWebFixture>
{
    private WebGrid Grid => fixture.Grid;

    [Fact]
    public async Task TheSessionCookieIsHostPrefixedSecureHttpOnlyLaxAndNotPersistent()
    {
        var username = await Grid.RegisterAsync();
        using var client = Grid.NewClient();

        var login = await client.PostAsJsonAsync("/auth/login", new { username, password = TestUser.Password }, TestContext.Current.CancellationToken);

        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Matches(SessionCookiePattern(), cookie);
        Assert.Contains("SameSite=Lax", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("Domain", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Expires", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Max-Age", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.True(cookie.Length <= 4096);
        Assert.DoesNotContain(username, cookie, StringComparison.Ordinal);
        Assert.Equal("no-store", login.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task LogoutClearsTheCookieAndTellsTheBrowserNotToKeepAnything()
    {
        var username = await Grid.RegisterAsync();
        using var browser = await Grid.SignInBrowserAsync(username);

        var logout = await browser.PostAsync("/auth/logout", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        var cleared = Assert.Single(logout.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("__Host-sid=;", cleared, StringComparison.Ordinal);
        Assert.Contains("Max-Age=0", cleared, StringComparison.Ordinal);
        Assert.Equal("\"cookies\"", Assert.Single(logout.Headers.GetValues("Clear-Site-Data")));
        Assert.Equal("no-store", logout.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, await browser.MeAsync());
    }

    [Theory]
    [InlineData("/auth/logout", null)]
    [InlineData("/auth/logout-everywhere", "{}")]
    [InlineData("/auth/password", $$"""{"currentPassword":"{{TestUser.Password}}","newPassword":"stolen by a cross-site form"}""")]
    [InlineData("/auth/tokens", """{"name":"planted"}""")]
    public async Task CrossSiteStateChangesAreRefusedAndChangeNothing(string path, string? body)
    {
        var username = await Grid.RegisterAsync();
        using var victim = await Grid.SignInBrowserAsync(username);
        using var otherDevice = await Grid.SignInBrowserAsync(username);
        var sessionsBefore = await victim.GetFromJsonAsync<SessionRow[]>("/auth/sessions", TestContext.Current.CancellationToken);

        var attempts = new[]
        {
            Post(path, body, "application/json", ("Sec-Fetch-Site", "cross-site"), ("Origin", "https://evil.example")),
            Post(path, body, "text/plain", ("Sec-Fetch-Site", "cross-site")),
            Post(path, body, "application/json", ("Sec-Fetch-Site", "same-site")),
            Post(path, body, "application/json", ("Origin", "https://evil.example")),
            Post(path, body, "application/json", ("Origin", "null")),
        };
        foreach (var attempt in attempts)
        {
            var response = await victim.SendAsync(attempt, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        if (path != "/auth/tokens")
        {
            var viaGet = await victim.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, viaGet.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await victim.MeAsync());
        Assert.Equal(HttpStatusCode.OK, await otherDevice.MeAsync());
        var sessionsAfter = await victim.GetFromJsonAsync<SessionRow[]>("/auth/sessions", TestContext.Current.CancellationToken);
        Assert.Equal(sessionsBefore!.Select(s => s.Id).Order(), sessionsAfter!.Select(s => s.Id).Order());
        Assert.Empty((await victim.GetFromJsonAsync<CreatedToken[]>("/auth/tokens", TestContext.Current.CancellationToken))!);
        using var stillOldPassword = await Grid.SignInBrowserAsync(username);
    }

    [Fact]
    public async Task SameOriginPageRequestsAreAccepted()
    {
        var username = await Grid.RegisterAsync();
        using var browser = await Grid.SignInBrowserAsync(username);

        var response = await browser.SendAsync(
            Post("/auth/tokens", """{"name":"from the page"}""", "application/json", ("Sec-Fetch-Site", "same-origin"), ("Origin", "https://localhost")),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("same-origin", "https://evil.example")]
    [InlineData("none", "https://evil.example")]
    [InlineData("same-origin", "null")]
    [InlineData("none", "null")]
    [InlineData("same-origin", "http://localhost")]
    [InlineData("same-origin", "https://localhost:8443")]
    [InlineData("same-origin", "https://localhost, https://evil.example")]
    public async Task AForeignOriginIsRefusedWhateverSecFetchSiteSaysAndChangesNothing(string site, string origin)
    {
        var username = await Grid.RegisterAsync();
        using var victim = await Grid.SignInBrowserAsync(username);
        using var otherDevice = await Grid.SignInBrowserAsync(username);

        var everywhere = await victim.SendAsync(
            Post("/auth/logout-everywhere", "{}", "application/json", ("Sec-Fetch-Site", site), ("Origin", origin)), TestContext.Current.CancellationToken);
        var token = await victim.SendAsync(
            Post("/auth/tokens", """{"name":"planted"}""", "application/json", ("Sec-Fetch-Site", site), ("Origin", origin)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, everywhere.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, token.StatusCode);
        Assert.Equal("application/problem+json", everywhere.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, await victim.MeAsync());
        Assert.Equal(HttpStatusCode.OK, await otherDevice.MeAsync());
        Assert.Empty((await victim.GetFromJsonAsync<CreatedToken[]>("/auth/tokens", TestContext.Current.CancellationToken))!);
    }

    [Fact]
    public async Task TwoOriginHeadersAreRefusedEvenWhenBothAreOurs()
    {
        var username = await Grid.RegisterAsync();
        using var browser = await Grid.SignInBrowserAsync(username);

        var response = await browser.SendAsync(
            Post("/auth/logout-everywhere", "{}", "application/json", ("Sec-Fetch-Site", "same-origin"), ("Origin", "https://localhost"), ("Origin", "https://localhost")),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await browser.MeAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("same-origin")]
    [InlineData("none")]
    public async Task OurOwnOriginIsAcceptedWithOrWithoutFetchMetadata(string? site)
    {
        var username = await Grid.RegisterAsync();
        using var browser = await Grid.SignInBrowserAsync(username);
        (string, string)[] headers = site is null ? [("Origin", "https://localhost")] : [("Sec-Fetch-Site", site), ("Origin", "https://localhost")];

        var response = await browser.SendAsync(Post("/auth/tokens", """{"name":"from the page"}""", "application/json", headers), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task WithPublicOriginsOnlyTheyAndTrustedOriginsMayMakeCookieChanges()
    {
        using var browser = published.NewDevice();
        var username = await browser.RegisterAsync();
        var login = await browser.PostAsJsonAsync("/auth/login", new { username, password = TestUser.Password }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        var fromOurPage = await CreateTokenAsync(browser, "same-origin", PublicOriginsWebFixture.PublicOrigin);
        var fromATrustedPage = await CreateTokenAsync(browser, "same-site", PublicOriginsWebFixture.TrustedOrigin);
        var refused = new[]
        {
            await CreateTokenAsync(browser, "same-origin", "http://login.example.com"),
            await CreateTokenAsync(browser, "same-origin", "https://login.example.com:8443"),
            await CreateTokenAsync(browser, "same-origin", "https://localhost"),
            await CreateTokenAsync(browser, "same-site", "https://other.example.com"),
        };

        Assert.Equal(HttpStatusCode.Created, fromOurPage);
        Assert.Equal(HttpStatusCode.Created, fromATrustedPage);
        Assert.All(refused, status => Assert.Equal(HttpStatusCode.Forbidden, status));
        Assert.Equal(2, (await browser.GetFromJsonAsync<CreatedToken[]>("/auth/tokens", TestContext.Current.CancellationToken))!.Length);
    }

    private static async Task<HttpStatusCode> CreateTokenAsync(HttpClient browser, string site, string origin)
    {
        using var request = Post("/auth/tokens", """{"name":"from a page"}""", "application/json", ("Sec-Fetch-Site", site), ("Origin", origin));
        using var response = await browser.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private static HttpRequestMessage Post(string path, string? body, string contentType, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    [GeneratedRegex("^__Host-[A-Za-z0-9_-]+=[^;]+; .*Secure.*HttpOnly.*Path=/")]
    private static partial Regex SessionCookiePattern();
}
