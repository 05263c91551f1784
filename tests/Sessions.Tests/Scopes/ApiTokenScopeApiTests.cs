using System.Net;
using System.Net.Http.Json;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Scopes;

/// <summary>
/// Least privilege for non-human clients over HTTP (docs/threat-model.md, B25): an API token proves who it is and
/// ends itself; managing the user's sessions needs the "sessions" scope, chosen when it is created, shown in the
/// list and reported by <c>/auth/check</c>. Without it the answer is 403 before the grain is asked to do anything.
/// </summary>
[Collection(SharedWeb.Name)]
public sealed class ApiTokenScopeApiTests(WebGridFixture fixture)
{
    private static readonly string[] Sessions = ["sessions"];

    private WebGrid Grid => fixture.Grid;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAuthenticateOnlyTokenSaysWhoItIsAndEndsItselfButIsRefusedEverySessionManagementCallAndNothingChanges()
    {
        var username = await Grid.RegisterAsync();
        using var laptop = await Grid.SignInBrowserAsync(username, "laptop");
        var phone = await Grid.SignInAppAsync(username, "phone");
        var other = await laptop.CreateApiTokenAsync("other");
        using var leaked = Grid.Bearer((await laptop.CreateApiTokenAsync("leaked")).Token);
        var callsBefore = Grid.GrainCalls.Calls;

        HttpResponseMessage[] refused =
        [
            await leaked.GetAsync("/auth/sessions", Cancel),
            await leaked.DeleteAsync($"/auth/sessions/{phone.SessionId}", Cancel),
            await leaked.PostAsync("/auth/logout-everywhere", null, Cancel),
            await leaked.GetAsync("/auth/tokens", Cancel),
            await leaked.DeleteAsync($"/auth/tokens/{other.Id}", Cancel),
        ];
        var grainCalls = Grid.GrainCalls.Calls - callsBefore;
        var me = await leaked.GetFromJsonAsync<MeBody>("/auth/me", Cancel);
        var check = await leaked.GetAsync("/auth/check", Cancel);
        var logout = await leaked.PostAsync("/auth/logout", null, Cancel);

        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.All(refused, r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
        Assert.All(refused, r => Assert.Equal("Bearer error=\"insufficient_scope\", scope=\"sessions\"", r.Headers.WwwAuthenticate.ToString()));
        var body = Assert.Single((await Task.WhenAll(refused.Select(r => r.Content.ReadAsStringAsync(Cancel)))).Distinct());
        Assert.Contains("\\\"sessions\\\" scope", body, StringComparison.Ordinal);
        Assert.Equal(refused.Length, grainCalls);   // one validation each; the grain was asked to do nothing
        Assert.Equal("api-token", me!.Credential);
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal("authenticate", Assert.Single(check.Headers.GetValues("X-Auth-Scope")));
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await leaked.MeAsync());
        Assert.Equal(HttpStatusCode.OK, await Grid.Bearer(phone.AccessToken).MeAsync());
        Assert.Equal(HttpStatusCode.OK, await Grid.Bearer(other.Token).MeAsync());
        Assert.Equal(2, (await laptop.GetFromJsonAsync<SessionRow[]>("/auth/sessions", Cancel))!.Length);
    }

    [Fact]
    public async Task ATokenWithTheSessionsScopeListsEndsRevokesAndSignsOutEverywhere()
    {
        var username = await Grid.RegisterAsync();
        using var laptop = await Grid.SignInBrowserAsync(username, "laptop");
        var phone = await Grid.SignInAppAsync(username, "phone");
        var other = await laptop.CreateApiTokenAsync("other");
        var created = await laptop.CreateApiTokenAsync("session manager", scopes: Sessions);
        using var manager = Grid.Bearer(created.Token);

        var sessions = await manager.GetFromJsonAsync<SessionRow[]>("/auth/sessions", Cancel);
        var tokens = await manager.GetFromJsonAsync<TokenRow[]>("/auth/tokens", Cancel);
        var endPhone = await manager.DeleteAsync($"/auth/sessions/{phone.SessionId}", Cancel);
        var revokeOther = await manager.DeleteAsync($"/auth/tokens/{other.Id}", Cancel);
        var check = await manager.GetAsync("/auth/check", Cancel);
        var everywhere = await manager.PostAsJsonAsync("/auth/logout-everywhere", new { keepCurrent = true }, Cancel);

        Assert.Equal(["laptop", "phone"], sessions!.Select(s => s.Device).Order());
        Assert.Equal(2, tokens!.Length);
        Assert.Equal(HttpStatusCode.NoContent, endPhone.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revokeOther.StatusCode);
        Assert.Equal("authenticate sessions", Assert.Single(check.Headers.GetValues("X-Auth-Scope")));
        Assert.Equal(HttpStatusCode.OK, everywhere.StatusCode);
        var result = await everywhere.Content.ReadFromJsonAsync<SignOutEverywhere>(Cancel);
        Assert.Equal((1, 0), (result!.RevokedSessions, result.RevokedTokens));
        Assert.Equal(HttpStatusCode.Unauthorized, await Grid.Bearer(phone.AccessToken).MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await Grid.Bearer(other.Token).MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await laptop.MeAsync());
        Assert.Equal(HttpStatusCode.OK, await manager.MeAsync());
    }

    [Fact]
    public async Task CreationAndTheListSayWhatEachTokenMayDoAndAuthenticateIsAlwaysIncluded()
    {
        var username = await Grid.RegisterAsync();
        using var laptop = await Grid.SignInBrowserAsync(username);

        var byDefault = await laptop.CreateApiTokenAsync("by default");
        var none = await laptop.CreateApiTokenAsync("none named", scopes: []);
        var sessionsOnly = await laptop.CreateApiTokenAsync("sessions named", scopes: Sessions);
        var both = await laptop.CreateApiTokenAsync("both named", scopes: ["sessions", "authenticate"]);
        var listed = await laptop.GetFromJsonAsync<TokenRow[]>("/auth/tokens", Cancel);

        string[] authenticate = ["authenticate"];
        string[] every = ["authenticate", "sessions"];
        Assert.Equal([authenticate, authenticate, every, every], new[] { byDefault, none, sessionsOnly, both }.Select(t => t.Scopes));
        Assert.Equal(
            [("by default", authenticate), ("none named", authenticate), ("sessions named", every), ("both named", every)],
            listed!.Select(t => (t.Name, t.Scopes)),
            (a, b) => a.Item1 == b.Item1 && a.Item2.SequenceEqual(b.Item2));
    }

    [Theory]
    [InlineData("""{"name":"job","scopes":["admin"]}""")]
    [InlineData("""{"name":"job","scopes":["Sessions"]}""")]
    [InlineData("""{"name":"job","scopes":["sessions","sessions"]}""")]
    [InlineData("""{"name":"job","scopes":["authenticate","authenticate"]}""")]
    [InlineData("""{"name":"job","scopes":["authenticate sessions"]}""")]
    [InlineData("""{"name":"job","scopes":[""]}""")]
    [InlineData("""{"name":"job","scopes":[null]}""")]
    [InlineData("""{"name":"job","scopes":"sessions"}""")]
    public async Task UnknownOrRepeatedScopeNamesAre400AndCreateNothing(string body)
    {
        var username = await Grid.RegisterAsync();
        using var laptop = await Grid.SignInBrowserAsync(username);

        var response = await laptop.PostAsync("/auth/tokens", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty((await laptop.GetFromJsonAsync<TokenRow[]>("/auth/tokens", Cancel))!);
    }

    [Fact]
    public async Task BrowserAndAppSessionsHoldEveryScopeAtTheCheck()
    {
        var username = await Grid.RegisterAsync();
        var cookie = await Grid.SessionCookieAsync(username);
        using var app = Grid.Bearer((await Grid.SignInAppAsync(username)).AccessToken);
        using var browser = Grid.NewClient();
        browser.DefaultRequestHeaders.Add("Cookie", $"__Host-sid={cookie}");

        var checks = await Task.WhenAll(browser.GetAsync("/auth/check", Cancel), app.GetAsync("/auth/check", Cancel));

        Assert.All(checks, c => Assert.Equal("authenticate sessions", Assert.Single(c.Headers.GetValues("X-Auth-Scope"))));
    }
}
