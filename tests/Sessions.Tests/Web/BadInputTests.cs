using System.Net;
using System.Net.Http.Json;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Web;

/// <summary>
/// The bad inputs B1–B5 and B9–B12 of docs/threat-model.md against a protected endpoint: 0 successes,
/// 0 server errors, the same 401 body every time, and malformed input never reaches a grain (calls counted).
/// </summary>
[Collection(SharedWeb.Name)]
public sealed class BadInputTests(WebGridFixture fixture)
{
    private WebGrid Grid => fixture.Grid;

    [Fact]
    public async Task MalformedAmbiguousAndForgedCredentialsAreRejectedIdenticallyWithoutAGrainCall()
    {
        var username = await Grid.RegisterAsync();
        var app = await Grid.SignInAppAsync(username);
        using var browser = await Grid.SignInBrowserAsync(username);
        var apiToken = (await browser.CreateApiTokenAsync()).Token;
        var cookie = await Grid.SessionCookieAsync(username);
        var inputs = MalformedRequests(app.AccessToken, app.RefreshToken, apiToken, cookie).ToList();
        using var client = Grid.NewClient();
        var callsBefore = Grid.GrainCalls.Calls;

        var responses = new List<(string Case, HttpStatusCode Status, string Body)>();
        foreach (var (name, request) in inputs)
        {
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            responses.Add((name, response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        }

        Assert.True(inputs.Count > 400);
        Assert.Equal(callsBefore, Grid.GrainCalls.Calls);
        Assert.All(responses, r => Assert.True(r.Status == HttpStatusCode.Unauthorized, $"{r.Case}: {r.Status}"));
        Assert.Single(responses.Select(r => r.Body).Distinct());
        Assert.Equal(HttpStatusCode.OK, await Grid.Bearer(app.AccessToken).MeAsync());
    }

    [Fact]
    public async Task RevokedExpiredAndRotatedOutTokensGetTheSame401AsGarbage()
    {
        var username = await Grid.RegisterAsync();
        var rotated = await Grid.SignInAppAsync(username);
        var refreshed = await (await Grid.RefreshAsync(rotated.RefreshToken)).Content.ReadFromJsonAsync<AppTokens>(TestContext.Current.CancellationToken);
        var revoked = await Grid.SignInAppAsync(username);
        await Grid.Bearer(revoked.AccessToken).PostAsync("/auth/logout", null, TestContext.Current.CancellationToken);
        var expiring = await Grid.SignInAppAsync(username);
        Grid.Clock.Advance(TimeSpan.FromMinutes(16));
        using var garbage = Grid.Bearer("sga_garbage");

        var bodies = new List<string>();
        foreach (var token in new[] { rotated.AccessToken, revoked.AccessToken, expiring.AccessToken })
        {
            var response = await Grid.Bearer(token).GetAsync("/auth/me", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var garbageResponse = await garbage.GetAsync("/auth/me", TestContext.Current.CancellationToken);
        bodies.Add(await garbageResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Single(bodies.Distinct());
        Assert.Equal("application/problem+json", garbageResponse.Content.Headers.ContentType?.MediaType);
        Assert.Contains("invalid_token", garbageResponse.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.NotNull(refreshed);
    }

    [Fact]
    public async Task ARefreshTokenIsOnlyARefreshTokenAndAnAccessTokenIsNever()
    {
        var username = await Grid.RegisterAsync();
        var app = await Grid.SignInAppAsync(username);
        var callsBefore = Grid.GrainCalls.Calls;

        var refreshAsBearer = await Grid.Bearer(app.RefreshToken).GetAsync("/auth/me", TestContext.Current.CancellationToken);
        var accessAsRefresh = await Grid.RefreshAsync(app.AccessToken);
        var garbageRefresh = await Grid.RefreshAsync("sgr_" + new string('A', 131));

        Assert.Equal(HttpStatusCode.Unauthorized, refreshAsBearer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, accessAsRefresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbageRefresh.StatusCode);
        Assert.Equal(callsBefore, Grid.GrainCalls.Calls);
    }

    [Theory]
    [InlineData("/auth/me?access_token={0}")]
    [InlineData("/auth/me?x={0}")]
    [InlineData("/auth/check?token={0}")]
    [InlineData("/?sid={0}")]
    public async Task CredentialsInTheUrlAreRefusedWith400(string pathTemplate)
    {
        var username = await Grid.RegisterAsync();
        var app = await Grid.SignInAppAsync(username);
        using var client = Grid.NewClient();
        var callsBefore = Grid.GrainCalls.Calls;

        var response = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, pathTemplate, app.AccessToken));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(app.AccessToken, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(callsBefore, Grid.GrainCalls.Calls);
    }

    private static IEnumerable<(string Case, HttpRequestMessage Request)> MalformedRequests(
        string access, string refresh, string apiToken, string cookie)
    {
        // B1: empty credentials.
        yield return ("empty cookie", Cookie("__Host-sid="));
        yield return ("bare Bearer", Authorization("Bearer"));
        yield return ("Bearer and spaces", Authorization("Bearer     "));
        yield return ("other scheme", Authorization("Basic dXNlcjpwYXNz"));

        // B2: every truncation, in the cookie and in the header.
        for (var length = 0; length < access.Length; length++)
        {
            yield return ($"truncated bearer {length}", Authorization("Bearer " + access[..length]));
            yield return ($"truncated cookie {length}", Cookie("__Host-sid=" + cookie[..length]));
        }

        // B3: overlong.
        foreach (var extra in new[] { 1, 2, 100, 4000 })
        {
            yield return ($"overlong bearer +{extra}", Authorization("Bearer " + access + new string('A', extra)));
            yield return ($"overlong cookie +{extra}", Cookie("__Host-sid=" + cookie + new string('A', extra)));
        }

        // B4: wrong alphabet, encodings, control characters, homoglyphs.
        var middle = access.Length / 2;
        foreach (var bad in new[] { "+", "/", "=", "%41", "\u00e9", "\u0410", "\uff21", "\u0000", "%00", " ", "\t" })
        {
            yield return ($"alphabet {bad}", Authorization("Bearer " + access[..middle] + bad + access[(middle + bad.Length)..]));
        }

        // B5: case flipped; and B6-like forgeries: every single-character change (MAC no longer matches).
        yield return ("case flipped", Authorization("Bearer " + Flip(access)));
        for (var i = 4; i < access.Length; i++)
        {
            var forged = access[..i] + (access[i] == 'A' ? 'B' : 'A') + access[(i + 1)..];
            yield return ($"forged at {i}", Authorization("Bearer " + forged));
        }

        // B9: token-type confusion.
        yield return ("refresh as bearer", Authorization("Bearer " + refresh));
        yield return ("access as cookie", Cookie("__Host-sid=" + access));
        yield return ("api token as cookie", Cookie("__Host-sid=" + apiToken));
        yield return ("cookie value as bearer", Authorization("Bearer " + cookie));

        // B11: duplicated or conflicting credentials.
        yield return ("two cookies in one header", Cookie($"__Host-sid={cookie}; __Host-sid={cookie}"));
        yield return ("prefixed and bare cookie", Cookie($"__Host-sid={cookie}; sid={cookie}"));
        yield return ("case variant cookie", Cookie($"__host-sid={cookie}"));
        yield return ("two cookie headers", Cookie($"__Host-sid={cookie}", $"__Host-sid={cookie}"));
        yield return ("two authorization headers", Authorization("Bearer " + access, "Bearer " + access));
        yield return ("cookie and bearer", With(Cookie("__Host-sid=" + cookie), "Authorization", "Bearer " + apiToken));

        // B12: a token in the body of a GET is not a credential (tokens in the URL: see below).
        yield return ("token in body", new HttpRequestMessage(HttpMethod.Get, "/auth/me") { Content = JsonContent.Create(new { access_token = access }) });
    }

    private static HttpRequestMessage Cookie(params string[] values) => With(new HttpRequestMessage(HttpMethod.Get, "/auth/me"), "Cookie", values);

    private static HttpRequestMessage Authorization(params string[] values) => With(new HttpRequestMessage(HttpMethod.Get, "/auth/me"), "Authorization", values);

    private static HttpRequestMessage With(HttpRequestMessage request, string header, params string[] values)
    {
        foreach (var value in values)
        {
            Assert.True(request.Headers.TryAddWithoutValidation(header, value));
        }

        return request;
    }

    private static string Flip(string token) =>
        token[..4] + new string(token[4..].Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)).ToArray());
}
