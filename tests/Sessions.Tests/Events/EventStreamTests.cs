using System.Net;
using System.Net.Http.Json;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Events;

/// <summary>
/// <c>GET /auth/events</c> over HTTP with the fake clock: a stream says <c>signed-out</c> and closes when its own
/// credential is revoked or expires, and only then (docs/threat-model.md, T65–T67).
/// </summary>
public sealed class EventStreamTests : IClassFixture<WebGridFixture>
{
    private readonly WebGridFixture _fixture;

    public EventStreamTests(WebGridFixture fixture) => _fixture = fixture;

    private WebGrid Grid => _fixture.Grid;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AStreamIsAnUncachedUnbufferedEventStream()
    {
        var username = await Grid.RegisterAsync();
        using var browser = await Grid.SignInBrowserAsync(username);

        using var stream = await EventStreamClient.OpenedAsync(browser);

        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", stream.Response.Headers.CacheControl?.ToString());
        Assert.Equal("no", Assert.Single(stream.Response.Headers.GetValues("X-Accel-Buffering")));
    }

    [Fact]
    public async Task WithoutACredentialTheStreamIsRefusedWith401()
    {
        using var anonymous = Grid.NewClient();

        using var stream = await EventStreamClient.OpenAsync(anonymous);

        Assert.Equal(HttpStatusCode.Unauthorized, stream.Status);
        Assert.Equal("application/problem+json", stream.Response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ATokenInTheStreamsUrlIsRefusedAndNeverRead()
    {
        var app = await Grid.SignInAppAsync(await Grid.RegisterAsync());
        using var client = Grid.NewClient();

        var response = await client.GetAsync($"/auth/events?access_token={app.AccessToken}", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Credential in the URL refused", await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task AnApiTokensStreamSaysSignedOutAndClosesWhenTheTokenIsRevoked()
    {
        var username = await Grid.RegisterAsync();
        using var browser = await Grid.SignInBrowserAsync(username);
        var token = await browser.CreateApiTokenAsync("chat relay");
        using var relay = Grid.Bearer(token.Token);
        using var checks = new StreamChecks(Grid);
        using var stream = await EventStreamClient.OpenedAsync(relay);
        Assert.Equal("valid", await checks.NextAsync());

        var revoked = await browser.DeleteAsync($"/auth/tokens/{token.Id}", Cancellation);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await stream.AssertSignedOutAndClosedAsync("revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, await relay.MeAsync());
    }

    [Fact]
    public async Task AnApiTokensStreamSaysSignedOutAndClosesWhenTheTokenExpires()
    {
        var username = await Grid.RegisterAsync();
        using var browser = await Grid.SignInBrowserAsync(username);
        var token = await browser.CreateApiTokenAsync("nightly", expiresInDays: 1);
        using var relay = Grid.Bearer(token.Token);
        using var checks = new StreamChecks(Grid);
        using var stream = await EventStreamClient.OpenedAsync(relay);
        Assert.Equal("valid", await checks.NextAsync());

        Grid.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));

        await stream.AssertSignedOutAndClosedAsync("expired");
    }

    [Fact]
    public async Task ABrowserSessionsStreamClosesWhenThatSessionAloneIsEndedFromAnotherDevice()
    {
        var username = await Grid.RegisterAsync();
        using var laptop = await Grid.SignInBrowserAsync(username, "laptop");
        using var phone = await Grid.SignInBrowserAsync(username, "phone");
        var laptopSession = (await laptop.GetFromJsonAsync<MeBody>("/auth/me", Cancellation))!.SessionId;
        using var checks = new StreamChecks(Grid);
        using var stream = await EventStreamClient.OpenedAsync(laptop);
        Assert.Equal("valid", await checks.NextAsync());

        var ended = await phone.DeleteAsync($"/auth/sessions/{laptopSession}", Cancellation);

        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        await stream.AssertSignedOutAndClosedAsync("revoked");
        Assert.Equal(HttpStatusCode.OK, await phone.MeAsync());
    }

    [Fact]
    public async Task ABrowserSessionsStreamStaysOpenWhenADifferentSessionOfTheUserIsEnded()
    {
        var username = await Grid.RegisterAsync();
        using var laptop = await Grid.SignInBrowserAsync(username, "laptop");
        using var phone = await Grid.SignInBrowserAsync(username, "phone");
        var phoneSession = (await phone.GetFromJsonAsync<MeBody>("/auth/me", Cancellation))!.SessionId;
        using var checks = new StreamChecks(Grid);
        using var stream = await EventStreamClient.OpenedAsync(laptop);
        Assert.Equal("valid", await checks.NextAsync());

        var ended = await laptop.DeleteAsync($"/auth/sessions/{phoneSession}", Cancellation);

        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal("valid", await checks.NextAsync());
        Grid.Clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(new ServerSentEvent(null, null, "keep-alive"), await stream.NextAsync());
        await laptop.PostAsync("/auth/logout", null, Cancellation);
        await stream.AssertSignedOutAndClosedAsync("revoked");
    }

    [Fact]
    public async Task AnOpenStreamDoesNotKeepAnIdleBrowserSessionAlive()
    {
        var username = await Grid.RegisterAsync();
        using var laptop = await Grid.SignInBrowserAsync(username);
        using var checks = new StreamChecks(Grid);
        using var stream = await EventStreamClient.OpenedAsync(laptop);
        Assert.Equal("valid", await checks.NextAsync());

        // Rechecked every 10 minutes for 30 (the idle timeout) with no request of the page's own.
        Grid.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal("valid", await checks.NextAsync());
        Grid.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal("valid", await checks.NextAsync());
        Grid.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        await stream.AssertSignedOutAndClosedAsync("expired");
        Assert.Equal(HttpStatusCode.Unauthorized, await laptop.MeAsync());
    }

    [Fact]
    public async Task SigningOutEverywhereClosesEveryStreamOfTheUserAndNoOtherUsers()
    {
        var username = await Grid.RegisterAsync();
        using var laptop = await Grid.SignInBrowserAsync(username);
        using var tablet = await Grid.SignInBrowserAsync(username);
        var app = await Grid.SignInAppAsync(username);
        using var appClient = Grid.Bearer(app.AccessToken);
        using var bystander = await Grid.SignInBrowserAsync(await Grid.RegisterAsync());
        using var checks = new StreamChecks(Grid);
        using var tabletStream = await EventStreamClient.OpenedAsync(tablet);
        using var appStream = await EventStreamClient.OpenedAsync(appClient);
        using var bystanderStream = await EventStreamClient.OpenedAsync(bystander);
        for (var opened = 0; opened < 3; opened++)
        {
            Assert.Equal("valid", await checks.NextAsync());
        }

        var signedOut = await laptop.PostAsync("/auth/logout-everywhere", null, Cancellation);

        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        await tabletStream.AssertSignedOutAndClosedAsync("revoked");
        await appStream.AssertSignedOutAndClosedAsync("revoked");
        Grid.Clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(new ServerSentEvent(null, null, "keep-alive"), await bystanderStream.NextAsync());
    }
}
