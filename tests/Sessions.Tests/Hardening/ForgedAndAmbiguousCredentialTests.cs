using System.Net;
using System.Text;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Hardening;

/// <summary>
/// Bad-input cases BadInputTests leaves open: never-issued tokens that carry a valid MAC (B6, B7), another grid's
/// tokens (B8), a second session cookie with a value the cookie parser would have dropped (B11), and tokens in a POST
/// body (B12).
/// </summary>
[Collection(SharedWeb.Name)]
public sealed class ForgedAndAmbiguousCredentialTests(WebGridFixture fixture)
{
    private WebGrid Grid => fixture.Grid;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NeverIssuedTokensWithAValidMacAre401ExactlyLikeGarbageAfterOneGrainCallEach()
    {
        var victim = await Grid.SignInAppAsync(await Grid.RegisterAsync());
        var forged = new[]
        {
            ForgedTokens.WithGridKey(TokenKind.AccessToken, victim.UserId, victim.SessionId),
            ForgedTokens.WithGridKey(TokenKind.AccessToken, victim.UserId),
            ForgedTokens.WithGridKey(TokenKind.ApiToken, victim.UserId),
            ForgedTokens.WithGridKey(TokenKind.AccessToken),
            ForgedTokens.WithGridKey(TokenKind.ApiToken),
        };
        var garbage = await DescribeAsync(await Grid.Bearer("sga_garbage").GetAsync("/auth/me", Cancel));
        var callsBefore = Grid.GrainCalls.Calls;

        var answers = new List<string>();
        foreach (var token in forged)
        {
            answers.Add(await DescribeAsync(await Grid.Bearer(token).GetAsync("/auth/me", Cancel)));
        }

        Assert.All(answers, answer => Assert.Equal(garbage, answer));
        Assert.StartsWith("401 ", garbage, StringComparison.Ordinal);
        Assert.Equal(callsBefore + forged.Length, Grid.GrainCalls.Calls);
        Assert.Equal(HttpStatusCode.OK, await Grid.Bearer(victim.AccessToken).MeAsync());
    }

    [Fact]
    public async Task AnotherGridsTokensAre401WithoutAGrainCall()
    {
        var victim = await Grid.SignInAppAsync(await Grid.RegisterAsync());
        var foreign = new[] { TokenKind.BrowserSession, TokenKind.AccessToken, TokenKind.ApiToken }
            .Select(kind => ForgedTokens.FromAnotherGrid(kind, victim.UserId, victim.SessionId))
            .ToArray();
        var callsBefore = Grid.GrainCalls.Calls;

        var statuses = new List<HttpStatusCode>();
        foreach (var token in foreign)
        {
            statuses.Add(await Grid.Bearer(token).MeAsync());
            statuses.Add((await Grid.NewClient().SendAsync(WithCookie(token), Cancel)).StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(callsBefore, Grid.GrainCalls.Calls);
    }

    [Theory]
    [InlineData("; __Host-sid=a b")]
    [InlineData("; __Host-sid=\"quoted\"")]
    [InlineData("; sid=\u00e9")]
    [InlineData("; SID=x,y")]
    [InlineData("; __Host-sid=")]
    [InlineData("; __Host-sid")]
    [InlineData(";__Secure-sid=\\")]
    public async Task ASecondSessionCookieMakesTheRequestAmbiguousWhateverItsValue(string second)
    {
        var username = await Grid.RegisterAsync();
        using var signedIn = await Grid.SignInBrowserAsync(username);
        var cookie = await Grid.SessionCookieAsync(username);
        var callsBefore = Grid.GrainCalls.Calls;

        var both = await Grid.NewClient().SendAsync(WithCookie(cookie, second), Cancel);
        var reversed = await Grid.NewClient().SendAsync(WithCookie(cookie, second, reversed: true), Cancel);
        var grainCalls = Grid.GrainCalls.Calls - callsBefore;
        var alone = await Grid.NewClient().SendAsync(WithCookie(cookie), Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, both.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, reversed.StatusCode);
        Assert.Equal(0, grainCalls);
        Assert.Equal(HttpStatusCode.OK, alone.StatusCode);
    }

    [Fact]
    public async Task ATokenInAPostBodyIsNotACredentialAndChangesNothing()
    {
        var app = await Grid.SignInAppAsync(await Grid.RegisterAsync());
        var bodies = new HttpContent[]
        {
            new FormUrlEncodedContent([new("access_token", app.AccessToken)]),
            new StringContent($$"""{"access_token":"{{app.AccessToken}}"}""", Encoding.UTF8, "application/json"),
            new StringContent("Authorization: Bearer " + app.AccessToken, Encoding.UTF8, "text/plain"),
        };

        var statuses = new List<HttpStatusCode>();
        foreach (var body in bodies)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/logout-everywhere") { Content = body };
            request.Headers.Add("Sec-Fetch-Site", "same-origin");
            statuses.Add((await Grid.NewClient().SendAsync(request, Cancel)).StatusCode);
        }

        // Routing refuses a body the endpoint cannot read (415) before authentication would (401): either way, no.
        Assert.All(statuses, status => Assert.True(status is HttpStatusCode.Unauthorized or HttpStatusCode.UnsupportedMediaType, $"{status}"));
        Assert.Equal(HttpStatusCode.Unauthorized, statuses[1]);
        Assert.Equal(HttpStatusCode.OK, await Grid.Bearer(app.AccessToken).MeAsync());
    }

    private static HttpRequestMessage WithCookie(string token, string second = "", bool reversed = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/auth/me");
        var ours = "__Host-sid=" + token;
        Assert.True(request.Headers.TryAddWithoutValidation("Cookie", reversed ? second.TrimStart(';', ' ') + "; " + ours : ours + second));
        return request;
    }

    private static async Task<string> DescribeAsync(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {response.Content.Headers.ContentType} {response.Headers.WwwAuthenticate} " +
        await response.Content.ReadAsStringAsync(Cancel);
}
