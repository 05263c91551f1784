using System.Net;
using Sessions.Tests.Infrastructure;
using Sessions.Tests.Interop;

namespace Sessions.Tests.Scopes;

/// <summary>RFC 7662 §2.2: introspection says what every active credential may do in <c>scope</c>, space-separated
/// (docs/threat-model.md, B25); an inactive one still gets nothing but <c>{"active":false}</c>.</summary>
[Collection(OAuthGrid.Name)]
public sealed class ScopeIntrospectionTests(OAuthGrid oauth)
{
    private WebGrid Grid => oauth.Grid;

    [Fact]
    public async Task EveryActiveCredentialIsIntrospectedWithItsScope()
    {
        var username = await Grid.RegisterAsync();
        var app = await Grid.SignInAppAsync(username);
        var cookie = await Grid.SessionCookieAsync(username);
        using var phone = Grid.Bearer(app.AccessToken);
        var plain = await phone.CreateApiTokenAsync("reporting");
        var manager = await phone.CreateApiTokenAsync("session manager", scopes: ["sessions"]);
        await Grid.Bearer(plain.Token).PostAsync("/auth/logout", null, TestContext.Current.CancellationToken);
        var revokedButOnceScoped = plain.Token;
        var live = await phone.CreateApiTokenAsync("reporting again");

        var scopes = new Dictionary<string, string?>();
        foreach (var (name, token) in new[]
        {
            ("access token", app.AccessToken), ("refresh token", app.RefreshToken), ("browser session", cookie),
            ("default API token", live.Token), ("API token with sessions", manager.Token),
        })
        {
            var body = await OAuthGrid.JsonOf(await oauth.IntrospectAsync(token));
            scopes[name] = body.GetProperty("active").GetBoolean() ? body.GetProperty("scope").GetString() : null;
        }

        var revoked = await oauth.IntrospectAsync(revokedButOnceScoped);

        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["access token"] = "authenticate sessions",
                ["refresh token"] = "authenticate sessions",
                ["browser session"] = "authenticate sessions",
                ["default API token"] = "authenticate",
                ["API token with sessions"] = "authenticate sessions",
            },
            scopes);
        Assert.Equal((HttpStatusCode.OK, """{"active":false}"""), (revoked.StatusCode, await revoked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
    }
}
