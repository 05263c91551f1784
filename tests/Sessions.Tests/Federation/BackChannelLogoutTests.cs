using System.Net;
using System.Text.Json;
using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>
/// The back-channel logout receiver (OpenID Connect Back-Channel Logout 1.0; issue 12, item 2; docs/threat-model.md,
/// B38, T46-T48): a valid logout token from the provider ends the grid sessions it names before the 200; a forged,
/// malformed or replayed one is a 400 that revokes nothing; a logout the grid cannot make durable is a 503 that leaves
/// the provider's retry acceptable. Tokens are signed by tests/idp/sign.mjs (npm jose) with the real provider's key.
/// </summary>
public sealed class BackChannelLogoutTests(FederatedWebGridFixture fixture) : IClassFixture<FederatedWebGridFixture>
{
    private const string Endpoint = "/auth/federation/test/backchannel-logout";

    private readonly LogoutTokens _tokens = new(fixture.Provider, fixture.Key, fixture.OtherKey);

    private WebGrid Grid => fixture.Grid;

    private DateTimeOffset Now => Grid.Clock.GetUtcNow();

    [Fact]
    public async Task AValidLogoutTokenNamingAProviderSessionEndsItsGridSessionsBeforeAnsweringOkWithNoStore()
    {
        var subject = NewSubject();
        var fromThatSession = await fixture.SignInAsync(subject, "sid-1");
        var fromAnotherSession = await fixture.SignInAsync(subject, "sid-2");

        var response = await PostAsync(await _tokens.SignAsync(_tokens.Claims(Now, subject, "sid-1")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(fromThatSession));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(fromAnotherSession));
    }

    [Fact]
    public async Task ALogoutTokenNamingOnlyTheSubjectEndsEverySessionOfThatPersonFromTheProvider()
    {
        var subject = NewSubject();
        var first = await fixture.SignInAsync(subject, "sid-1");
        var second = await fixture.SignInAsync(subject, null);
        var someoneElse = await fixture.SignInAsync(NewSubject(), "sid-1");

        var response = await PostAsync(await _tokens.SignAsync(_tokens.Claims(Now, subject, sid: null)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(first));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(second));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(someoneElse));
    }

    [Theory]
    [InlineData("unsigned")]
    [InlineData("HS256 with the client secret")]
    [InlineData("another key")]
    [InlineData("nonce present")]
    [InlineData("no events")]
    [InlineData("wrong aud")]
    [InlineData("wrong iss")]
    [InlineData("expired")]
    [InlineData("neither sub nor sid")]
    public async Task AnInvalidLogoutTokenIsRefusedWithInvalidRequestAndTheSessionStaysValid(string variant)
    {
        var subject = NewSubject();
        var sid = $"sid-{Guid.NewGuid():N}";
        var session = await fixture.SignInAsync(subject, sid);
        var claims = _tokens.Claims(Now, subject, sid);

        var response = await PostAsync(await _tokens.VariantAsync(variant, claims, Now));

        await AssertInvalidRequestAsync(response);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(session));
        Assert.False(await fixture.IsRecordedAsync(claims["jti"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AReplayedLogoutTokenIsRefusedAndEndsNothing()
    {
        var subject = NewSubject();
        await fixture.SignInAsync(subject, "sid-1");
        var token = await _tokens.SignAsync(_tokens.Claims(Now, subject, "sid-1"));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(token)).StatusCode);
        var signedInAgain = await fixture.SignInAsync(subject, "sid-1");

        var replay = await PostAsync(token);

        await AssertInvalidRequestAsync(replay);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(signedInAgain));
    }

    [Fact]
    public async Task ALogoutTokenNamingNoSessionTheGridKnowsIsAnsweredOk()
    {
        var response = await PostAsync(await _tokens.SignAsync(_tokens.Claims(Now, NewSubject(), "sid-nobody-holds")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("application/json", "{\"logout_token\":\"x\"}")]
    [InlineData("application/x-www-form-urlencoded", "")]
    [InlineData("application/x-www-form-urlencoded", "logout_token=a&logout_token=b")]
    public async Task ARequestWithoutExactlyOneLogoutTokenFieldIsRefused(string contentType, string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, contentType);

        var response = await Grid.NewClient().PostAsync(Endpoint, content, TestContext.Current.CancellationToken);

        await AssertInvalidRequestAsync(response);
    }

    [Fact]
    public async Task ALogoutTokenSentToAProviderThatIsNotConfiguredIsRefused()
    {
        var subject = NewSubject();
        var session = await fixture.SignInAsync(subject, "sid-1");
        using var form = Form(await _tokens.SignAsync(_tokens.Claims(Now, subject, "sid-1")));

        var response = await Grid.NewClient().PostAsync("/auth/federation/elsewhere/backchannel-logout", form, TestContext.Current.CancellationToken);

        await AssertInvalidRequestAsync(response);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(session));
    }

    [Fact]
    public async Task ALogoutTheGridCannotMakeDurableIsAnswered503WithNothingRecordedSoTheProvidersRetryWorks()
    {
        var subject = NewSubject();
        var session = await fixture.SignInAsync(subject, "sid-1");
        var claims = _tokens.Claims(Now, subject, "sid-1");
        var token = await _tokens.SignAsync(claims);
        fixture.Faults.Arm(fixture.UserGrainOf(session), FaultPoint.BeforeWrite);

        var failed = await PostAsync(token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotNull(failed.Headers.RetryAfter);
        Assert.Equal("temporarily_unavailable", (await ErrorOfAsync(failed)).GetProperty("error").GetString());
        Assert.False(await fixture.IsRecordedAsync(claims["jti"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(session));
        var retried = await PostAsync(token);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(session));
    }

    private static string NewSubject() => $"person-{Guid.NewGuid():N}";

    private static FormUrlEncodedContent Form(string token) => new([KeyValuePair.Create("logout_token", token)]);

    private async Task<HttpResponseMessage> PostAsync(string token)
    {
        using var form = Form(token);
        return await Grid.NewClient().PostAsync(Endpoint, form, TestContext.Current.CancellationToken);
    }

    private async Task<HttpStatusCode> MeAsync(IssuedSession session)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/me");
        request.Headers.Add("Cookie", $"__Host-sid={session.SessionToken}");
        return (await Grid.NewClient().SendAsync(request, TestContext.Current.CancellationToken)).StatusCode;
    }

    private static async Task AssertInvalidRequestAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var error = await ErrorOfAsync(response);
        Assert.Equal("invalid_request", error.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("error_description").GetString()));
    }

    private static async Task<JsonElement> ErrorOfAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
}
