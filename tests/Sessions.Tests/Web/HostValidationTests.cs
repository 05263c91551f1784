using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Web;

/// <summary>
/// B23 (docs/threat-model.md): a request under a name the grid is not published under (<c>Sessions:Web:PublicOrigins</c>;
/// none configured: loopback names only) is a 400 before any endpoint, authentication or grain runs, and changes
/// nothing; the probes answer under any name; behind a trusted proxy, its <c>X-Forwarded-Host</c> is what is judged.
/// </summary>
[Collection(SharedWeb.Name)]
public sealed class HostValidationTests(WebGridFixture unconfigured, PublicOriginsWebFixture published) : IClassFixture<PublicOriginsWebFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:5000")]
    [InlineData("localhost.evil.example")]
    [InlineData("localhost.")]
    [InlineData("127.1")]
    [InlineData("10.0.0.1")]
    public async Task AForeignHostIs400BeforeAnyEndpointOrGrainAndChangesNothing(string host)
    {
        var grid = unconfigured.Grid;
        var username = await grid.RegisterAsync();
        var cookie = await grid.SessionCookieAsync(username);
        var newcomer = $"u{Guid.NewGuid():N}";
        var callsBefore = grid.GrainCalls.Calls;

        var answers = new[]
        {
            await SendAsync(grid, HttpMethod.Get, "/auth/me", host, cookie: cookie),
            await SendAsync(grid, HttpMethod.Post, "/auth/login", host, new { username, password = TestUser.Password }),
            await SendAsync(grid, HttpMethod.Post, "/auth/register", host, new { username = newcomer, password = TestUser.Password }),
            await SendAsync(grid, HttpMethod.Post, "/auth/logout-everywhere", host, new { }, cookie, ("Origin", $"http://{host}"), ("Sec-Fetch-Site", "same-origin")),
            await SendAsync(grid, HttpMethod.Get, "/", host),
            await SendAsync(grid, HttpMethod.Get, "/openapi/v1.json", host),
        };

        Assert.All(answers, answer =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            Assert.Equal("application/problem+json", answer.MediaType);
            Assert.Equal("Unknown host", JsonSerializer.Deserialize<JsonElement>(answer.Body).GetProperty("title").GetString());
            Assert.DoesNotContain(host, answer.Body, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Equal(callsBefore, grid.GrainCalls.Calls);
        using var browser = grid.NewClient();
        Assert.Equal(newcomer, await browser.RegisterAsync(newcomer));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(grid, HttpMethod.Get, "/auth/me", "localhost", cookie: cookie)).Status);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LocalHost:8080")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:5000")]
    [InlineData("127.3.4.5:1")]
    [InlineData("[::1]")]
    [InlineData("[::1]:443")]
    public async Task WithoutPublicOriginsLoopbackNamesOnAnyPortAreAnswered(string host)
    {
        var answer = await SendAsync(unconfigured.Grid, HttpMethod.Get, "/auth/me", host);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
    }

    [Theory]
    [InlineData("login.example.com", HttpStatusCode.Unauthorized)]
    [InlineData("Login.Example.COM:443", HttpStatusCode.Unauthorized)]
    [InlineData("127.0.0.2:8080", HttpStatusCode.Unauthorized)]
    [InlineData("127.0.0.2", HttpStatusCode.Unauthorized)]
    [InlineData("localhost", HttpStatusCode.BadRequest)]
    [InlineData("127.0.0.1", HttpStatusCode.BadRequest)]
    [InlineData("[::1]", HttpStatusCode.BadRequest)]
    [InlineData("example.com", HttpStatusCode.BadRequest)]
    [InlineData("evil.login.example.com", HttpStatusCode.BadRequest)]
    public async Task WithPublicOriginsOnlyTheirHostsAreAnsweredAndLoopbackOnlyIfListed(string host, HttpStatusCode expected)
    {
        var answer = await SendAsync(published.Grid, HttpMethod.Get, "/auth/me", host);

        Assert.Equal(expected, answer.Status);
    }

    [Theory]
    [InlineData("/healthz", "evil.example")]
    [InlineData("/readyz", "evil.example")]
    [InlineData("/healthz", "10.1.2.3:8080")]
    [InlineData("/readyz", "10.1.2.3:8080")]
    public async Task TheProbesAnswerUnderAnyHost(string probe, string host)
    {
        var withoutPublicOrigins = await SendAsync(unconfigured.Grid, HttpMethod.Get, probe, host);
        var withPublicOrigins = await SendAsync(published.Grid, HttpMethod.Get, probe, host);

        Assert.Equal(HttpStatusCode.OK, withoutPublicOrigins.Status);
        Assert.Equal(HttpStatusCode.OK, withPublicOrigins.Status);
    }

    [Fact]
    public async Task BehindATrustedProxyTheForwardedHostIsWhatIsJudged()
    {
        await using var grid = WebGrid.StartOnKestrel(new Dictionary<string, string?>
        {
            ["Sessions:Web:TrustedProxies:0"] = "127.0.0.2",
            ["Sessions:Web:PublicOrigins:0"] = "https://app.example",
        });
        var server = new Uri($"http://127.0.0.1:{grid.ServerAddress!.Port}");
        using var proxy = LoopbackClients.To(server, from: IPAddress.Parse("127.0.0.2"));
        using var client = LoopbackClients.To(server, from: IPAddress.Loopback);

        var forwardedPublicHost = await MeAsync(proxy, ("X-Forwarded-For", "203.0.113.9"), ("X-Forwarded-Host", "app.example"));
        var forwardedForeignHost = await MeAsync(proxy, ("X-Forwarded-For", "203.0.113.9"), ("X-Forwarded-Host", "evil.example"));
        var proxysOwnHost = await MeAsync(proxy, ("X-Forwarded-For", "203.0.113.9"));
        var clientClaimingThePublicHost = await MeAsync(client, ("X-Forwarded-For", "203.0.113.9"), ("X-Forwarded-Host", "app.example"));

        Assert.Equal(HttpStatusCode.Unauthorized, forwardedPublicHost);
        Assert.Equal(HttpStatusCode.BadRequest, forwardedForeignHost);
        Assert.Equal(HttpStatusCode.BadRequest, proxysOwnHost);
        Assert.Equal(HttpStatusCode.BadRequest, clientClaimingThePublicHost);
    }

    private static async Task<HttpStatusCode> MeAsync(HttpClient client, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/me");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request, Cancel);
        return response.StatusCode;
    }

    /// <summary>Sends one request naming <paramref name="host"/> in its Host header, with an optional JSON body and
    /// session cookie, and reads the answer.</summary>
    private static async Task<Answer> SendAsync(
        WebGrid grid, HttpMethod method, string path, string host, object? body = null, string? cookie = null,
        params (string Name, string Value)[] headers)
    {
        using var client = grid.NewClient();
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Host", host);
        if (cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", $"__Host-sid={cookie}");
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request, Cancel);
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(Cancel));
    }

    private sealed record Answer(HttpStatusCode Status, string? MediaType, string Body);
}
