using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Hardening;

/// <summary>
/// B14 (docs/threat-model.md) over real sockets: X-Forwarded-For/-Proto/-Host and X-Auth-* from a client are ignored (the session
/// list shows the real address, the cross-site check compares with the real origin, no identity is taken from a
/// header), and honoured only when the sender is listed in <c>Sessions:Web:TrustedProxies</c>. Clients connect from
/// 127.0.0.1 or, standing for a proxy, from 127.0.0.2.
/// </summary>
public sealed class ForwardedHeaderTests
{
    private static readonly IPAddress Client = IPAddress.Loopback;
    private static readonly IPAddress Proxy = IPAddress.Parse("127.0.0.2");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("127.0.0.2")]
    [InlineData("10.0.0.0/8")]
    public async Task ForwardedHeadersFromAClientThatIsNoTrustedProxyAreIgnored(string? trustedProxy)
    {
        await using var grid = WebGrid.StartOnKestrel(trustedProxy is null ? null : new Dictionary<string, string?> { ["Sessions:Web:TrustedProxies:0"] = trustedProxy });
        using var client = LoopbackClients.To(Address(grid), from: Client);
        var username = await client.RegisterAsync();
        var spoofed = new[] { ("X-Forwarded-For", "203.0.113.9"), ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "evil.example") };

        var (userId, cookie) = await SignInAsync(client, username, spoofed);
        var sessions = await SendAsync(client, HttpMethod.Get, "/auth/sessions", cookie);
        var crossSite = await SendAsync(client, HttpMethod.Post, "/auth/logout-everywhere", cookie, [.. spoofed, ("Origin", "https://evil.example")]);
        var claimedIdentity = await SendAsync(client, HttpMethod.Get, "/auth/check", null, [("X-Auth-User-Id", userId), ("X-Forwarded-User", username)]);

        Assert.Equal("127.0.0.1", Assert.Single((await sessions.Content.ReadFromJsonAsync<SessionRow[]>(Cancel))!).IpAddress);
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, claimedIdentity.StatusCode);
        Assert.False(claimedIdentity.Headers.Contains("X-Auth-User-Id"));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, "/auth/me", cookie)).StatusCode);
    }

    [Fact]
    public async Task ForwardedHeadersFromATrustedProxyAreHonoured()
    {
        // The proxy forwards the public name app.example, which the grid answers under only once it is published
        // there; the registration below reaches the grid directly, under its loopback address, listed too.
        await using var grid = WebGrid.StartOnKestrel(new Dictionary<string, string?>
        {
            ["Sessions:Web:TrustedProxies:0"] = "127.0.0.2",
            ["Sessions:Web:PublicOrigins:0"] = "https://app.example",
            ["Sessions:Web:PublicOrigins:1"] = "http://127.0.0.1",
        });
        using var proxy = LoopbackClients.To(Address(grid), from: Proxy);
        var username = await proxy.RegisterAsync();
        var forwarded = new[] { ("X-Forwarded-For", "203.0.113.9"), ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "app.example") };

        var (_, cookie) = await SignInAsync(proxy, username, forwarded);
        var sessions = await SendAsync(proxy, HttpMethod.Get, "/auth/sessions", cookie, forwarded);
        var crossSite = await SendAsync(proxy, HttpMethod.Post, "/auth/logout-everywhere", cookie, [.. forwarded, ("Origin", "https://evil.example")]);
        var sameSite = await SendAsync(proxy, HttpMethod.Post, "/auth/logout-everywhere", cookie, [.. forwarded, ("Origin", "https://app.example")]);

        Assert.Equal("203.0.113.9", Assert.Single((await sessions.Content.ReadFromJsonAsync<SessionRow[]>(Cancel))!).IpAddress);
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sameSite.StatusCode);
    }

    private static Uri Address(WebGrid grid) => new($"http://127.0.0.1:{grid.ServerAddress!.Port}");

    private static async Task<(string UserId, string Cookie)> SignInAsync(HttpClient client, string username, (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = JsonContent.Create(new { username, password = TestUser.Password }) };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var userId = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("userId").GetString()!;
        return (userId, response.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
    }

    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpMethod method, string path, string? cookie, (string Name, string Value)[]? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
        }

        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request, Cancel);
    }
}
