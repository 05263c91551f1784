using System.Net;
using System.Net.Http.Json;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Web;

[Collection(SharedWeb.Name)]
public sealed class AccountApiTests(WebGridFixture fixture)
{
    private WebGrid Grid => fixture.Grid;

    [Fact]
    public async Task SessionsListShowsEveryDeviceWithoutSecretsAndMarksTheCurrentOne()
    {
        var username = await Grid.RegisterAsync();
        using var laptop = await Grid.SignInBrowserAsync(username, "laptop");
        var phone = await Grid.SignInAppAsync(username, "phone");

        var response = await laptop.GetAsync("/auth/sessions", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var sessions = (await response.Content.ReadFromJsonAsync<SessionRow[]>(TestContext.Current.CancellationToken))!;

        Assert.Equal(["laptop", "phone"], sessions.Select(s => s.Device).Order());
        var current = Assert.Single(sessions, s => s.Current);
        Assert.Equal(("laptop", "browser"), (current.Device, current.Kind));
        Assert.Equal("app", sessions.Single(s => s.Device == "phone").Kind);
        Assert.DoesNotContain(phone.AccessToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain("sg", text.Replace("\"session", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiTokensAreShownOnceListedWithoutSecretAndRevocable()
    {
        var username = await Grid.RegisterAsync();
        using var browser = await Grid.SignInBrowserAsync(username);

        var created = await browser.CreateApiTokenAsync("deploy bot", expiresInDays: 7);
        using var bot = Grid.Bearer(created.Token);
        var botMe = await bot.GetFromJsonAsync<MeBody>("/auth/me", TestContext.Current.CancellationToken);
        var listed = await browser.GetStringAsync("/auth/tokens", TestContext.Current.CancellationToken);
        var botCreatesToken = await bot.PostAsJsonAsync("/auth/tokens", new { name = "chained" }, TestContext.Current.CancellationToken);
        var revoke = await browser.DeleteAsync($"/auth/tokens/{created.Id}", TestContext.Current.CancellationToken);

        Assert.StartsWith("sgk_", created.Token, StringComparison.Ordinal);
        Assert.Equal(Grid.Clock.GetUtcNow() + TimeSpan.FromDays(7), created.ExpiresAt);
        Assert.Equal("api-token", botMe!.Credential);
        Assert.Contains("deploy bot", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Token, listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, botCreatesToken.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await bot.MeAsync());
    }

    [Theory]
    [InlineData("""{"name":""}""")]
    [InlineData("""{"name":"ok","expiresInDays":0}""")]
    [InlineData("""{"name":"ok","expiresInDays":400}""")]
    [InlineData("""{"expiresInDays":5}""")]
    public async Task ApiTokenRequestsOutOfBoundsAreRefusedWith400(string body)
    {
        var username = await Grid.RegisterAsync();
        using var browser = await Grid.SignInBrowserAsync(username);

        var response = await browser.PostAsync("/auth/tokens", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ChangingThePasswordSignsOutEveryOtherSession()
    {
        var username = await Grid.RegisterAsync();
        using var current = await Grid.SignInBrowserAsync(username);
        using var other = await Grid.SignInBrowserAsync(username);
        var app = await Grid.SignInAppAsync(username);

        var wrong = await current.PostAsJsonAsync("/auth/password", new { currentPassword = "not it at all", newPassword = "a brand new passphrase" }, TestContext.Current.CancellationToken);
        var changed = await current.PostAsJsonAsync("/auth/password", new { currentPassword = TestUser.Password, newPassword = "a brand new passphrase" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await current.MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await other.MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Grid.RefreshAsync(app.RefreshToken)).StatusCode);
        using var client = Grid.NewClient();
        var oldPassword = await client.PostAsJsonAsync("/auth/login", new { username, password = TestUser.Password }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
    }

    [Fact]
    public async Task ProtectedEndpointsWithoutACredentialAre401WithAChallenge()
    {
        using var client = Grid.NewClient();

        foreach (var (method, path) in new[] { ("GET", "/auth/me"), ("GET", "/auth/sessions"), ("GET", "/auth/tokens"), ("POST", "/auth/logout-everywhere") })
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        }
    }
}
