using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sessions.Grains.Abstractions.Signals;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>
/// POST /ssf/events, the Shared Signals push receiver (RFC 8935): a configured transmitter's security event is acted
/// on once, with the effect issue 12 documents for its type, visible on the very next request; every refusal is a 400
/// with RFC 8935's error code and changes nothing.
/// </summary>
public sealed class SharedSignalsTests(SharedSignalsFixture fixture) : IClassFixture<SharedSignalsFixture>
{
    private static readonly HttpStatusCode[] AllLive = [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK];
    private static readonly HttpStatusCode[] AllRefused = [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized];

    private WebGrid Grid => fixture.Grid;

    [Theory]
    [InlineData(SecurityEventTypes.SessionRevoked)]
    [InlineData(SecurityEventTypes.CredentialChange)]
    [InlineData(SecurityEventTypes.SessionsRevoked)]
    [InlineData(SecurityEventTypes.CredentialCompromise)]
    public async Task AnEventAboutTheWholeUserSignsThemOutEverywhere(string eventType)
    {
        var user = await LifecycleCredentials.OfPasswordUserAsync(Grid);
        var bystander = await LifecycleCredentials.OfPasswordUserAsync(Grid);

        var response = await fixture.PushAsync(eventType, SharedSignalsFixture.UserId(user.UserId));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(AllRefused, await user.NextRequestsAsync(Grid));
        Assert.Equal(HttpStatusCode.Unauthorized, await user.RefreshAsync(Grid));
        Assert.Equal(AllLive, await bystander.NextRequestsAsync(Grid));
    }

    [Fact]
    public async Task SessionRevokedNamingOneSessionEndsOnlyThatSession()
    {
        var user = await LifecycleCredentials.OfPasswordUserAsync(Grid);
        var subject = new JsonObject
        {
            ["format"] = "complex",
            ["user"] = SharedSignalsFixture.UserId(user.UserId),
            ["session"] = new JsonObject { ["format"] = "opaque", ["id"] = await BrowserSessionIdAsync(user) },
        };

        var response = await fixture.PushAsync(SecurityEventTypes.SessionRevoked, subject);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.OK], await user.NextRequestsAsync(Grid));
    }

    [Fact]
    public async Task AccountDisabledRefusesEveryCredentialAndSignInUntilAccountEnabledWhichBringsNoCredentialBack()
    {
        var username = $"u{Guid.NewGuid():N}";
        var user = await LifecycleCredentials.OfPasswordUserAsync(Grid, username);

        var disabled = await fixture.PushAsync(SecurityEventTypes.AccountDisabled, SharedSignalsFixture.UserId(user.UserId));
        var whileDisabled = await user.NextRequestsAsync(Grid);
        var signInWhileDisabled = await SignInAsync(username);
        var enabled = await fixture.PushAsync(SecurityEventTypes.AccountEnabled, SharedSignalsFixture.UserId(user.UserId));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (disabled.StatusCode, enabled.StatusCode));
        Assert.Equal(AllRefused, whileDisabled);
        Assert.Equal(HttpStatusCode.Unauthorized, signInWhileDisabled);
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(username));
        Assert.Equal(AllRefused, await user.NextRequestsAsync(Grid));
        Assert.Equal(HttpStatusCode.Unauthorized, await user.RefreshAsync(Grid));
    }

    [Theory]
    [InlineData(SecurityEventTypes.Verification)]
    [InlineData(SecurityEventTypes.AccountPurged)]
    [InlineData("https://events.example.test/unknown-event")]
    public async Task AVerificationOrUnknownEventIsAcceptedAndChangesNothing(string eventType)
    {
        var user = await LifecycleCredentials.OfPasswordUserAsync(Grid);

        var response = await fixture.PushAsync(eventType, SharedSignalsFixture.UserId(user.UserId));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(AllLive, await user.NextRequestsAsync(Grid));
    }

    [Theory]
    [InlineData("bad signature", "invalid_key")]
    [InlineData("unsigned", "invalid_key")]
    [InlineData("wrong audience", "invalid_audience")]
    [InlineData("wrong issuer", "invalid_issuer")]
    [InlineData("wrong content type", "invalid_request")]
    [InlineData("unknown subject", "invalid_request")]
    [InlineData("two events", "invalid_request")]
    public async Task ARefusedEventIs400WithItsRfc8935CodeAndChangesNothing(string variant, string code)
    {
        var user = await LifecycleCredentials.OfPasswordUserAsync(Grid);
        var claims = fixture.Claims(SecurityEventTypes.SessionsRevoked, SharedSignalsFixture.UserId(variant == "unknown subject" ? $"{Guid.NewGuid():N}" : user.UserId));
        switch (variant)
        {
            case "wrong audience": claims["aud"] = "https://someone-else.test/ssf/events"; break;
            case "wrong issuer": claims["iss"] = "https://unknown-transmitter.test"; break;
            case "two events": claims["events"]!.AsObject()[SecurityEventTypes.CredentialChange] = new JsonObject(); break;
        }

        var token = variant switch
        {
            "bad signature" => await SignedWithAnotherKeyAsync(claims),
            "unsigned" => await Jws.UnsignedAsync(new JsonObject { ["typ"] = "secevent+jwt" }, claims),
            _ => await fixture.SignAsync(claims),
        };

        var response = await fixture.PushAsync(token, variant == "wrong content type" ? "application/jwt" : "application/secevent+jwt");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(code, error.GetProperty("err").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("description").GetString()));
        Assert.Equal(AllLive, await user.NextRequestsAsync(Grid));
    }

    [Fact]
    public async Task AnEventSentAgainIsAcceptedButHasNoSecondEffect()
    {
        var username = $"u{Guid.NewGuid():N}";
        var user = await LifecycleCredentials.OfPasswordUserAsync(Grid, username);
        var disable = await fixture.SignAsync(fixture.Claims(SecurityEventTypes.AccountDisabled, SharedSignalsFixture.UserId(user.UserId)));

        var first = await fixture.PushAsync(disable);
        var enabledByOperator = await EnableAsync(user.UserId);
        var again = await fixture.PushAsync(disable);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.OK, HttpStatusCode.Accepted), (first.StatusCode, enabledByOperator, again.StatusCode));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(username));
    }

    [Fact]
    public async Task AStorageFaultIs503ChangesNothingAndTheSameEventWorksOnceTheFaultClears()
    {
        var user = await LifecycleCredentials.OfPasswordUserAsync(Grid);
        var token = await fixture.SignAsync(fixture.Claims(SecurityEventTypes.CredentialCompromise, SharedSignalsFixture.UserId(user.UserId)));
        Grid.Faults!.Arm(Grid.UserGrainId(user.UserId), FaultPoint.BeforeWrite);

        var failed = await fixture.PushAsync(token);
        var stillLive = await user.NextRequestsAsync(Grid);
        var retried = await fixture.PushAsync(token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(AllLive, stillLive);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal(AllRefused, await user.NextRequestsAsync(Grid));
    }

    /// <summary>A SET naming the transmitter's published key id, but signed by a key it never published.</summary>
    private Task<string> SignedWithAnotherKeyAsync(JsonObject claims)
    {
        var forged = fixture.OtherKey.Private["keys"]![0]!.DeepClone().AsObject();
        forged["kid"] = fixture.Key.KeyId;
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = fixture.Key.KeyId, ["typ"] = "secevent+jwt" };
        return Jws.SignAsync(header, claims, forged);
    }

    private async Task<string> BrowserSessionIdAsync(LifecycleCredentials user)
    {
        using var browser = LifecycleCredentials.WithCookie(Grid, user.Cookie);
        var me = await browser.GetFromJsonAsync<MeBody>("/auth/me", TestContext.Current.CancellationToken);
        return me!.SessionId;
    }

    private async Task<HttpStatusCode> SignInAsync(string username)
    {
        using var client = Grid.NewClient();
        return (await client.PostAsJsonAsync("/auth/login", new { username, password = TestUser.Password }, TestContext.Current.CancellationToken)).StatusCode;
    }

    private async Task<HttpStatusCode> EnableAsync(string userId)
    {
        using var operatorClient = Grid.Bearer(SharedSignalsFixture.OperatorKey);
        return (await operatorClient.PostAsync($"/admin/users/{userId}/enable", null, TestContext.Current.CancellationToken)).StatusCode;
    }
}
