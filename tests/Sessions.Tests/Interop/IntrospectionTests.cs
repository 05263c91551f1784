using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Interop;

/// <summary>
/// RFC 7662 token introspection for configured resource servers (docs/threat-model.md, B22): client authentication is enforced
/// before anything else, live tokens are described, and every inactive token — revoked, expired, rotated out, forged
/// or garbage — gets exactly <c>{"active":false}</c>.
/// </summary>
[Collection(OAuthGrid.Name)]
public sealed class IntrospectionTests(OAuthGrid oauth)
{
    private static readonly string[] Hints = ["refresh_token", "access_token", "nonsense"];

    private WebGrid Grid => oauth.Grid;

    [Theory]
    [InlineData(null)]
    [InlineData("Basic b3JkZXJzLWFwaTp3cm9uZw==")]                       // orders-api:wrong
    [InlineData("Basic c29tZW9uZS1lbHNlOm9yZGVycyBhcGkgc2VjcmV0")]       // someone-else:orders api secret
    [InlineData("Basic b3JkZXJzLWFwaQ==")]                               // orders-api (no colon)
    [InlineData("Basic Og==")]                                           // ":"
    [InlineData("Basic ")]
    [InlineData("Basic %%%")]
    [InlineData("Bearer sga_not-a-client-credential")]
    public async Task IntrospectionWithoutAConfiguredResourceServersCredentialsIs401InvalidClient(string? authorization)
    {
        var app = await Grid.SignInAppAsync(await Grid.RegisterAsync());
        var callsBefore = Grid.GrainCalls.Calls;

        var response = await oauth.PostFormAsync("/oauth/introspect", authorization, [new("token", app.AccessToken)]);

        await OAuthGrid.AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.True(OAuthGrid.ChallengesBasic(response));
        Assert.Equal(callsBefore, Grid.GrainCalls.Calls);
        Assert.DoesNotContain("active", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAccessTokenIsActiveWithItsSubjectExpiryAndType()
    {
        var username = await Grid.RegisterAsync();
        var app = await Grid.SignInAppAsync(username);

        var response = await oauth.IntrospectAsync(app.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await OAuthGrid.JsonOf(response);
        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Equal(app.UserId, body.GetProperty("sub").GetString());
        Assert.Equal(username, body.GetProperty("username").GetString());
        Assert.Equal("access_token", body.GetProperty("token_type").GetString());
        Assert.Equal(app.AccessTokenExpiresAt.ToUnixTimeSeconds(), body.GetProperty("exp").GetInt64());
        Assert.Equal(app.SessionId, body.GetProperty("sid").GetString());
    }

    [Fact]
    public async Task ARefreshTokenIsActiveWithoutBeingUsedUp()
    {
        var app = await Grid.SignInAppAsync(await Grid.RegisterAsync());

        var response = await oauth.IntrospectAsync(app.RefreshToken);
        var refresh = await Grid.RefreshAsync(app.RefreshToken);

        var body = await OAuthGrid.JsonOf(response);
        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Equal(app.UserId, body.GetProperty("sub").GetString());
        Assert.Equal("refresh_token", body.GetProperty("token_type").GetString());
        Assert.Equal(app.RefreshTokenExpiresAt.ToUnixTimeSeconds(), body.GetProperty("exp").GetInt64());
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
    }

    [Fact]
    public async Task AnApiTokenAndABrowserSessionAreActiveWithTheirOwnTypes()
    {
        var username = await Grid.RegisterAsync();
        var app = await Grid.SignInAppAsync(username);
        var created = await Grid.Bearer(app.AccessToken).CreateApiTokenAsync("reporting", expiresInDays: 3);
        var cookie = await Grid.SessionCookieAsync(username);

        var apiToken = await OAuthGrid.JsonOf(await oauth.IntrospectAsync(created.Token, hint: "access_token"));
        var browser = await OAuthGrid.JsonOf(await oauth.IntrospectAsync(cookie, OAuthGrid.Basic(OAuthGrid.OtherClientId, OAuthGrid.OtherClientSecret)));

        Assert.True(apiToken.GetProperty("active").GetBoolean());
        Assert.Equal((app.UserId, "api_token", "api-token"), (apiToken.GetProperty("sub").GetString(), apiToken.GetProperty("token_type").GetString(), apiToken.GetProperty("credential").GetString()));
        Assert.Equal(created.ExpiresAt.ToUnixTimeSeconds(), apiToken.GetProperty("exp").GetInt64());
        Assert.True(browser.GetProperty("active").GetBoolean());
        Assert.Equal((app.UserId, "session_token", "browser"), (browser.GetProperty("sub").GetString(), browser.GetProperty("token_type").GetString(), browser.GetProperty("credential").GetString()));
    }

    [Fact]
    public async Task RevokedExpiredRotatedOutForgedAndGarbageTokensAreOnlyActiveFalse()
    {
        var username = await Grid.RegisterAsync();
        var rotated = await Grid.SignInAppAsync(username);
        var successor = (await (await Grid.RefreshAsync(rotated.RefreshToken)).Content.ReadFromJsonAsync<AppTokens>(TestContext.Current.CancellationToken))!;
        var signedOut = await Grid.SignInAppAsync(username);
        Assert.Equal(HttpStatusCode.NoContent, (await Grid.Bearer(signedOut.AccessToken).PostAsync("/auth/logout", null, TestContext.Current.CancellationToken)).StatusCode);
        var revokedApiToken = await Grid.Bearer(successor.AccessToken).CreateApiTokenAsync("revoked");
        Assert.Equal(HttpStatusCode.NoContent, (await Grid.Bearer(revokedApiToken.Token).PostAsync("/auth/logout", null, TestContext.Current.CancellationToken)).StatusCode);
        var expiring = await Grid.SignInAppAsync(username);
        Grid.Clock.Advance(TimeSpan.FromMinutes(16));
        var inactive = new Dictionary<string, string>
        {
            ["rotated-out access token"] = rotated.AccessToken,
            ["rotated-out refresh token"] = rotated.RefreshToken,
            ["signed-out access token"] = signedOut.AccessToken,
            ["signed-out refresh token"] = signedOut.RefreshToken,
            ["revoked API token"] = revokedApiToken.Token,
            ["expired access token"] = expiring.AccessToken,
            ["MAC forged"] = successor.AccessToken[..^3] + (successor.AccessToken[^3] == 'A' ? "BAA" : "AAA"),
            ["never issued, for this user"] = ForgedTokens.WithGridKey(TokenKind.AccessToken, successor.UserId, successor.SessionId),
            ["never issued, for nobody"] = ForgedTokens.WithGridKey(TokenKind.RefreshToken),
            ["another grid's token"] = ForgedTokens.FromAnotherGrid(TokenKind.ApiToken, successor.UserId),
            ["case flipped"] = successor.RefreshToken.ToUpperInvariant(),
            ["truncated"] = successor.RefreshToken[..^1],
            ["extended"] = successor.RefreshToken + "A",
            ["garbage"] = "x",
            ["prefix only"] = "sga_",
            ["spaces"] = "   ",
            ["unicode"] = "sga_\u00e9\u0410\uff21",
        };

        var answers = new Dictionary<string, (HttpStatusCode Status, string Body)>();
        foreach (var (name, token) in inactive)
        {
            var response = await oauth.IntrospectAsync(token);
            answers[name] = (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        Assert.All(answers, a => Assert.True(a.Value == (HttpStatusCode.OK, """{"active":false}"""), $"{a.Key}: {a.Value}"));
        var stillLive = await Grid.RefreshAsync(successor.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, stillLive.StatusCode);
        var next = (await stillLive.Content.ReadFromJsonAsync<AppTokens>(TestContext.Current.CancellationToken))!;
        Assert.Equal(HttpStatusCode.OK, await Grid.Bearer(next.AccessToken).MeAsync());
    }

    [Theory]
    [InlineData("/oauth/introspect")]
    [InlineData("/oauth/revoke")]
    public async Task RequestsThatAreNotOneFormEncodedTokenAre400InvalidRequest(string path)
    {
        var app = await Grid.SignInAppAsync(await Grid.RegisterAsync());
        var client = OAuthGrid.ResourceServer;
        var bad = new Dictionary<string, Func<HttpContent?>>
        {
            ["no body"] = () => null,
            ["no token"] = () => new FormUrlEncodedContent([new("token_type_hint", "access_token")]),
            ["empty token"] = () => new FormUrlEncodedContent([new("token", string.Empty)]),
            ["repeated token"] = () => new FormUrlEncodedContent([new("token", app.AccessToken), new("token", "sga_other")]),
            ["repeated token, same value"] = () => new FormUrlEncodedContent([new("token", app.AccessToken), new("token", app.AccessToken)]),
            ["repeated hint"] = () => new FormUrlEncodedContent([new("token", app.AccessToken), new("token_type_hint", "a"), new("token_type_hint", "b")]),
            ["JSON"] = () => JsonContent.Create(new { token = app.AccessToken }),
            ["text"] = () => new StringContent("token=" + app.AccessToken),
        };
        using var http = Grid.NewClient();

        var answers = new Dictionary<string, HttpResponseMessage>();
        foreach (var (name, content) in bad)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content() };
            request.Headers.TryAddWithoutValidation("Authorization", client);
            answers[name] = await http.SendAsync(request, TestContext.Current.CancellationToken);
        }

        var viaGet = await http.GetAsync(path, TestContext.Current.CancellationToken);

        foreach (var (name, response) in answers)
        {
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {response.StatusCode}");
            await OAuthGrid.AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
        }

        Assert.Equal(HttpStatusCode.MethodNotAllowed, viaGet.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await Grid.Bearer(app.AccessToken).MeAsync());
    }

    [Fact]
    public async Task TheTokenTypeHintNeverChangesTheAnswer()
    {
        var app = await Grid.SignInAppAsync(await Grid.RegisterAsync());

        var hinted = await Task.WhenAll(Hints.Select(hint => oauth.IntrospectAsync(app.AccessToken, hint: hint)));

        foreach (var response in hinted)
        {
            var body = await OAuthGrid.JsonOf(response);
            Assert.Equal((true, "access_token"), (body.GetProperty("active").GetBoolean(), body.GetProperty("token_type").GetString()));
        }

        Assert.Equal(JsonValueKind.True, (await OAuthGrid.JsonOf(await oauth.IntrospectAsync(app.RefreshToken, hint: "access_token"))).GetProperty("active").ValueKind);
    }
}
