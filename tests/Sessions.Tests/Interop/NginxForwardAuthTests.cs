using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Interop;

/// <summary>
/// A real nginx in front of an app, asking the grid about every request with <c>auth_request</c> (the server block
/// README.md shows): signed-in clients pass and the app learns who they are from nginx alone; after sign-out
/// everywhere the very next request stops at the proxy; nothing malformed, duplicated or forged gets through.
/// </summary>
public sealed class NginxForwardAuthTests(NginxFixture fixture) : IClassFixture<NginxFixture>
{
    private const string Json = "application/json";

    private WebGrid Grid => fixture.Grid;

    private Nginx Nginx => fixture.Nginx;

    private EchoApp App => fixture.App;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("cookie")]
    [InlineData("access token")]
    [InlineData("api token")]
    public async Task ASignedInClientPassesAndTheAppSeesItsUserIdNeverOneTheClientClaims(string credential)
    {
        var victim = await SignInAppAsync(await RegisterAsync());
        var username = await RegisterAsync();
        var (userId, header) = await CredentialAsync(username, credential);

        var response = await RawHttp.SendAsync(Nginx.Port,
            $"GET /orders/7 HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: {Json}\r\n{header}\r\n" +
            $"X-Auth-User-Id: {victim.UserId}\r\nx-auth-user-id: {victim.UserId}\r\nX-Auth-Username: admin\r\n" +
            $"X-Auth-Session-Id: {victim.SessionId}\r\nX-Auth-Credential: admin\r\nConnection: close\r\n\r\n");

        Assert.True(response.Status == 200, $"{response.Head}\n{Nginx.ErrorLog}");
        var seen = JsonSerializer.Deserialize<EchoBody>(response.Body, JsonSerializerOptions.Web)!;
        Assert.Equal([userId], seen.GridIds);
        Assert.Equal([username], seen.Usernames);
        Assert.NotEqual(victim.SessionId, Assert.Single(seen.SessionIds));
        Assert.Equal([credential == "cookie" ? "browser" : credential == "access token" ? "app" : "api-token"], seen.Credentials);
        Assert.Equal("/orders/7", seen.Path);
    }

    [Theory]
    [InlineData("cookie", "authenticate sessions")]
    [InlineData("access token", "authenticate sessions")]
    [InlineData("api token", "authenticate")]
    public async Task TheAppLearnsWhatTheCredentialMayDoNeverAScopeTheClientClaims(string credential, string scope)
    {
        var (_, header) = await CredentialAsync(await RegisterAsync(), credential);

        var response = await RawHttp.SendAsync(Nginx.Port,
            $"GET /reports HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: {Json}\r\n{header}\r\n" +
            "X-Auth-Scope: sessions admin\r\nx-auth-scope: admin\r\nConnection: close\r\n\r\n");

        Assert.True(response.Status == 200, $"{response.Head}\n{Nginx.ErrorLog}");
        var seen = JsonSerializer.Deserialize<EchoBody>(response.Body, JsonSerializerOptions.Web)!;
        Assert.Equal([scope], seen.Scopes);
    }

    [Fact]
    public async Task AfterSignOutEverywhereTheVeryNextProxiedRequestOfEveryClientStopsAtTheProxy()
    {
        var username = await RegisterAsync();
        var (_, cookie) = await CredentialAsync(username, "cookie");
        var (_, apiToken) = await CredentialAsync(username, "api token");
        var phone = await SignInAppAsync(username);
        using var proxy = LoopbackClients.To(Nginx.Address);
        var before = await Task.WhenAll(SendAsync(proxy, cookie, "text/html"), SendAsync(proxy, apiToken, Json), SendAsync(proxy, Bearer(phone.AccessToken), Json));
        var appRequests = App.Requests;

        var signOut = await SendAsync(proxy, Bearer(phone.AccessToken), Json, HttpMethod.Post, "/auth/logout-everywhere");
        var browser = await SendAsync(proxy, cookie, "text/html");
        var agent = await SendAsync(proxy, apiToken, Json);
        var app = await SendAsync(proxy, Bearer(phone.AccessToken), Json);

        Assert.All(before, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Found, browser.StatusCode);
        Assert.Equal(fixture.SignInUrl, browser.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, agent.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, app.StatusCode);
        Assert.Equal(appRequests, App.Requests);
    }

    [Fact]
    public async Task NoCredentialOrAGarbageOneStopsAtTheProxyWithoutAGrainCall()
    {
        var username = await RegisterAsync();
        var phone = await SignInAppAsync(username);
        using var proxy = LoopbackClients.To(Nginx.Address);
        var garbage = new[]
        {
            string.Empty,
            "Authorization: Bearer",
            "Authorization: Bearer sga_garbage",
            "Authorization: Bearer " + phone.AccessToken[..^1],
            "Authorization: Bearer " + phone.AccessToken[..^2] + (phone.AccessToken[^2] == 'A' ? "BA" : "AA"),
            "Authorization: Basic dXNlcjpwYXNz",
            "Cookie: __Host-sid=",
            "Cookie: __Host-sid=sgb_" + new string('A', 131),
            "Cookie: __Host-sid=" + phone.AccessToken,
        };
        var appRequests = App.Requests;
        var grainCalls = Grid.GrainCalls.Calls;

        var answers = new List<HttpResponseMessage>();
        foreach (var credential in garbage)
        {
            answers.Add(await SendAsync(proxy, credential, Json));
        }

        var browser = await SendAsync(proxy, string.Empty, "text/html");

        Assert.All(answers, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal(HttpStatusCode.Found, browser.StatusCode);
        Assert.Equal(grainCalls, Grid.GrainCalls.Calls);
        Assert.Equal(appRequests, App.Requests);
    }

    [Fact]
    public async Task DuplicatedOrConflictingCredentialsNeverPassTheProxy()
    {
        var mine = await SignInAppAsync(await RegisterAsync());
        var (_, cookie) = await CredentialAsync(await RegisterAsync(), "cookie");
        var cookieValue = cookie["Cookie: ".Length..];
        var attempts = new[]
        {
            $"Authorization: Bearer {mine.AccessToken}\r\nAuthorization: Bearer {mine.AccessToken}",
            $"Authorization: Bearer sga_x\r\nAuthorization: Bearer {mine.AccessToken}",
            $"{cookie}\r\nAuthorization: Bearer {mine.AccessToken}",
            $"{cookie}\r\n{cookie}",
            $"Cookie: {cookieValue}; {cookieValue}",
            $"Cookie: {cookieValue}; sid={cookieValue["__Host-sid=".Length..]}",
        };
        var appRequests = App.Requests;

        var statuses = new List<int>();
        foreach (var credential in attempts)
        {
            var response = await RawHttp.SendAsync(Nginx.Port,
                $"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: {Json}\r\n{credential}\r\nConnection: close\r\n\r\n");
            statuses.Add(response.Status);
        }

        Assert.All(statuses, status => Assert.True(status is 400 or 401, $"got {status}"));
        Assert.Equal(appRequests, App.Requests);
    }

    [Fact]
    public async Task TheGridBehindTheProxyRecordsTheClientsAddressNotOneTheClientClaims()
    {
        var username = await RegisterAsync();
        using var fromElsewhere = LoopbackClients.To(Nginx.Address, from: IPAddress.Parse("127.0.0.2"));
        using var login = new HttpRequestMessage(HttpMethod.Post, "/auth/login")
        {
            Content = JsonContent.Create(new { username, password = TestUser.Password, client = "app" }),
        };
        login.Headers.Add("X-Forwarded-For", "203.0.113.7");

        var signedIn = await fromElsewhere.SendAsync(login, Cancel);
        var tokens = (await signedIn.Content.ReadFromJsonAsync<AppTokens>(Cancel))!;
        using var list = new HttpRequestMessage(HttpMethod.Get, "/auth/sessions");
        list.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var sessions = await (await fromElsewhere.SendAsync(list, Cancel)).Content.ReadFromJsonAsync<SessionRow[]>(Cancel);

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal("127.0.0.2", Assert.Single(sessions!).IpAddress);
    }

    private async Task<string> RegisterAsync()
    {
        using var proxy = LoopbackClients.To(Nginx.Address);
        return await proxy.RegisterAsync();
    }

    private async Task<AppTokens> SignInAppAsync(string username)
    {
        using var proxy = LoopbackClients.To(Nginx.Address);
        return await proxy.SignInAppAsync(username);
    }

    /// <summary>Signs <paramref name="username"/> in through the proxy and returns the user id and the header line
    /// that presents the credential.</summary>
    private async Task<(string UserId, string Header)> CredentialAsync(string username, string credential)
    {
        using var proxy = LoopbackClients.To(Nginx.Address);
        if (credential == "cookie")
        {
            var login = await proxy.PostAsJsonAsync("/auth/login", new { username, password = TestUser.Password }, Cancel);
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            var userId = (await login.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("userId").GetString()!;
            return (userId, "Cookie: " + login.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
        }

        var app = await SignInAppAsync(username);
        if (credential == "access token")
        {
            return (app.UserId, Bearer(app.AccessToken));
        }

        using var create = new HttpRequestMessage(HttpMethod.Post, "/auth/tokens") { Content = JsonContent.Create(new { name = "agent" }) };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", app.AccessToken);
        var created = await proxy.SendAsync(create, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (app.UserId, Bearer((await created.Content.ReadFromJsonAsync<CreatedToken>(Cancel))!.Token));
    }

    private static string Bearer(string token) => "Authorization: Bearer " + token;

    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, string credentialHeader, string accept, HttpMethod? method = null, string path = "/")
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (credentialHeader.Length > 0)
        {
            var (name, value) = (credentialHeader[..credentialHeader.IndexOf(':', StringComparison.Ordinal)], credentialHeader[(credentialHeader.IndexOf(':', StringComparison.Ordinal) + 2)..]);
            Assert.True(request.Headers.TryAddWithoutValidation(name, value));
        }

        return await client.SendAsync(request, Cancel);
    }
}
