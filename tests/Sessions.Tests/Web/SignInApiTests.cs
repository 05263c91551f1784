using System.Net;
using System.Net.Http.Json;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Web;

[Collection(SharedWeb.Name)]
public sealed class SignInApiTests(WebGridFixture fixture)
{
    private WebGrid Grid => fixture.Grid;

    [Fact]
    public async Task UnknownUserAndWrongPasswordGetTheSameStatusAndBody()
    {
        var username = await Grid.RegisterAsync();
        using var client = Grid.NewClient();

        var wrong = await client.PostAsJsonAsync("/auth/login", new { username, password = "not the password" }, TestContext.Current.CancellationToken);
        var unknown = await client.PostAsJsonAsync("/auth/login", new { username = $"u{Guid.NewGuid():N}", password = "not the password" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        var wrongBody = await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(wrongBody, await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task RepeatedFailuresAreAnswered429WithRetryAfterEvenForTheRightPassword()
    {
        var username = await Grid.RegisterAsync();
        using var client = Grid.NewClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/auth/login", new { username, password = "not the password" }, TestContext.Current.CancellationToken);
        }

        var throttled = await client.PostAsJsonAsync("/auth/login", new { username, password = TestUser.Password }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), throttled.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", throttled.Content.Headers.ContentType?.MediaType);
        Grid.Clock.Advance(TimeSpan.FromSeconds(30));
        var later = await client.PostAsJsonAsync("/auth/login", new { username, password = TestUser.Password }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task AppSignInReturnsTheTokenPairAndNoCookie()
    {
        var username = await Grid.RegisterAsync();
        using var client = Grid.NewClient();

        var response = await client.PostAsJsonAsync("/auth/login", new { username, password = TestUser.Password, client = "app", device = "phone" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var tokens = (await response.Content.ReadFromJsonAsync<AppTokens>(TestContext.Current.CancellationToken))!;
        Assert.StartsWith("sga_", tokens.AccessToken, StringComparison.Ordinal);
        Assert.StartsWith("sgr_", tokens.RefreshToken, StringComparison.Ordinal);
        Assert.Equal(Grid.Clock.GetUtcNow() + TimeSpan.FromMinutes(15), tokens.AccessTokenExpiresAt);
        var me = await Grid.Bearer(tokens.AccessToken).GetFromJsonAsync<MeBody>("/auth/me", TestContext.Current.CancellationToken);
        Assert.Equal((username, tokens.SessionId, "app"), (me!.Username, me.SessionId, me.Credential));
    }

    [Fact]
    public async Task RefreshReturnsANewPairAndTheOldRefreshTokenIsSpent()
    {
        var username = await Grid.RegisterAsync();
        var first = await Grid.SignInAppAsync(username);

        var refresh = await Grid.RefreshAsync(first.RefreshToken);
        Grid.Clock.Advance(TimeSpan.FromMinutes(1));
        var replay = await Grid.RefreshAsync(first.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        var second = (await refresh.Content.ReadFromJsonAsync<AppTokens>(TestContext.Current.CancellationToken))!;
        Assert.Equal(first.SessionId, second.SessionId);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await Grid.Bearer(second.AccessToken).MeAsync());
    }

    [Theory]
    [InlineData("""{"username":"ab","password":"correct horse battery staple"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"username":"has space","password":"correct horse battery staple"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"username":"fine-name","password":"short"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"username":"fine-name"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"username":"fine-name","password":"correct horse battery staple","admin":true}""", HttpStatusCode.BadRequest)]
    [InlineData("""not json""", HttpStatusCode.BadRequest)]
    public async Task RegistrationRefusesBadInputWithAProblem(string body, HttpStatusCode expected)
    {
        using var client = Grid.NewClient();

        var response = await client.PostAsync("/auth/register", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(TestContext.Current.CancellationToken);
        Assert.False(string.IsNullOrWhiteSpace(problem!.Title));
    }

    [Fact]
    public async Task RegisteringATakenUsernameIs409WhateverItsCase()
    {
        var username = await Grid.RegisterAsync();
        using var client = Grid.NewClient();

        var again = await client.PostAsJsonAsync("/auth/register", new { username = username.ToUpperInvariant(), password = TestUser.Password }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Theory]
    [InlineData("""{"username":"someone","password":"correct horse battery staple","client":"tv"}""")]
    [InlineData("""{"username":"someone"}""")]
    [InlineData("""{"username":"someone","password":"x","extra":1}""")]
    public async Task LoginRefusesMalformedRequestsWith400(string body)
    {
        using var client = Grid.NewClient();

        var response = await client.PostAsync("/auth/login", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
