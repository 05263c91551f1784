using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using Sessions.Grains.Abstractions.Federation;
using Sessions.Tests.Infrastructure;
using Sessions.Web.Federation.BackChannelLogout;
using Sessions.Web.Federation.Tokens;

namespace Sessions.Tests.Federation;

/// <summary>
/// Back-channel logout tokens are accepted only as OpenID Connect Back-Channel Logout 1.0 §2.6 says, checked against a
/// real provider's published keys (docs/threat-model.md, B21, T35): every forged or malformed variant is refused with
/// its reason, and the valid one yields the facts the endpoint acts on.
/// </summary>
public sealed class LogoutTokenValidatorTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    private TestProvider Provider => fixture.Provider;

    [Fact]
    public async Task AValidLogoutTokenPassesWithItsProviderSubjectSessionAndJti()
    {
        using var services = new FederationServices(Provider.Settings());
        var claims = Claims(services.Now);

        var result = await services.LogoutTokens.ValidateAsync("test", await SignAsync(Header(), claims), default);

        Assert.True(result.IsValid, result.Failure?.Description);
        Assert.Equal(
            new LogoutToken("test", Provider.Issuer, "alice", "provider-session-1", claims["jti"]!.GetValue<string>(), services.Now,
                services.Now + TimeSpan.FromMinutes(3)),
            result.Token);
    }

    [Theory]
    [InlineData("unsigned", TokenFailureReason.UnsupportedAlgorithm)]
    [InlineData("HS256 with the client secret", TokenFailureReason.UnsupportedAlgorithm)]
    [InlineData("another key", TokenFailureReason.UnknownKey)]
    [InlineData("another key claiming the provider's kid", TokenFailureReason.BadSignature)]
    [InlineData("claims changed after signing", TokenFailureReason.BadSignature)]
    [InlineData("nonce present", TokenFailureReason.InvalidClaim)]
    [InlineData("no events", TokenFailureReason.MissingClaim)]
    [InlineData("events member not an object", TokenFailureReason.InvalidClaim)]
    [InlineData("events without the logout event", TokenFailureReason.InvalidClaim)]
    [InlineData("events not an object", TokenFailureReason.InvalidClaim)]
    [InlineData("wrong aud", TokenFailureReason.WrongAudience)]
    [InlineData("wrong iss", TokenFailureReason.WrongIssuer)]
    [InlineData("expired", TokenFailureReason.Expired)]
    [InlineData("issued too long ago", TokenFailureReason.Expired)]
    [InlineData("issued in the future", TokenFailureReason.BadLifetime)]
    [InlineData("neither sub nor sid", TokenFailureReason.MissingClaim)]
    [InlineData("sub not a string", TokenFailureReason.InvalidClaim)]
    [InlineData("no jti", TokenFailureReason.MissingClaim)]
    [InlineData("wrong typ", TokenFailureReason.WrongType)]
    [InlineData("a claim twice", TokenFailureReason.Malformed)]
    [InlineData("not a JWT", TokenFailureReason.Malformed)]
    public async Task EveryForgedOrMalformedLogoutTokenIsRefusedWithItsReason(string variant, TokenFailureReason reason)
    {
        using var services = new FederationServices(Provider.Settings());
        var token = await VariantAsync(variant, services.Now);

        var result = await services.LogoutTokens.ValidateAsync("test", token, default);

        Assert.False(result.IsValid);
        Assert.Equal(reason, result.Failure.Reason);
        Assert.DoesNotContain(token, result.Failure.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no typ")]
    [InlineData("typ application/logout+jwt")]
    [InlineData("sid only")]
    [InlineData("sub only")]
    [InlineData("aud a list naming us")]
    [InlineData("issued 30 s ahead of our clock")]
    [InlineData("no exp")]
    public async Task LogoutTokensTheSpecificationAllowsArePassed(string variant)
    {
        using var services = new FederationServices(Provider.Settings());
        var token = await VariantAsync(variant, services.Now);

        var result = await services.LogoutTokens.ValidateAsync("test", token, default);

        Assert.True(result.IsValid, result.Failure?.Description);
    }

    [Fact]
    public async Task ALogoutTokenForAProviderThatIsNotConfiguredIsRefused()
    {
        using var services = new FederationServices(Provider.Settings());

        var result = await services.LogoutTokens.ValidateAsync("elsewhere", await SignAsync(Header(), Claims(services.Now)), default);

        Assert.Equal(TokenFailureReason.UnknownIssuer, result.Failure?.Reason);
    }

    [Fact]
    public async Task AReplayedLogoutTokenIsRefusedByTheReplayRecord()
    {
        using var services = new FederationServices(Provider.Settings());
        await using var grid = await GridCluster.StartAsync(silos: 1, clock: services.Clock);
        var token = await SignAsync(Header(), Claims(services.Now));

        var first = (await services.LogoutTokens.ValidateAsync("test", token, default)).Token!;
        var firstRecord = await ReplayRecordOf(grid, first).RecordAsync(first.Jti, first.KeepUntil);
        var replay = (await services.LogoutTokens.ValidateAsync("test", token, default)).Token!;

        Assert.Equal(ReplayRecordOutcome.Recorded, firstRecord);
        Assert.True(await ReplayRecordOf(grid, replay).ContainsAsync(replay.Jti));
        Assert.Equal(ReplayRecordOutcome.Replayed, await ReplayRecordOf(grid, replay).RecordAsync(replay.Jti, replay.KeepUntil));
    }

    private static IReplayRecordGrain ReplayRecordOf(GridCluster grid, LogoutToken token) =>
        grid.Client.GetGrain<IReplayRecordGrain>(ReplayRecords.GrainKey(token.Issuer, token.Jti));

    // The forged variants both these tests and the endpoint's tests use live in LogoutTokens; the ones only the
    // validator's own tests need are below.
    private LogoutTokens Tokens => new(Provider, fixture.Key, fixture.OtherKey);

    private JsonObject Header() => Tokens.Header();

    private JsonObject Claims(DateTimeOffset now) => Tokens.Claims(now, "alice", "provider-session-1");

    private Task<string> SignAsync(JsonObject header, JsonObject claims) => Jws.SignAsync(header, claims, fixture.Key.Private);

    private async Task<string> VariantAsync(string variant, DateTimeOffset now)
    {
        var header = Header();
        var claims = Claims(now);
        switch (variant)
        {
            case "another key claiming the provider's kid":
                return await Jws.SignAsync(new JsonObject { ["alg"] = "ES256", ["kid"] = fixture.Key.KeyId, ["typ"] = "logout+jwt" }, claims, fixture.OtherKey.Private);
            case "claims changed after signing":
                var parts = (await SignAsync(header, claims)).Split('.');
                claims["sub"] = "mallory";
                return $"{parts[0]}.{Base64UrlEncoder.Encode(claims.ToJsonString())}.{parts[2]}";
            case "events member not an object":
                claims["events"] = new JsonObject { [LogoutTokenValidator.LogoutEvent] = "logout" };
                break;
            case "events without the logout event":
                claims["events"] = new JsonObject { ["https://schemas.openid.net/secevent/caep/event-type/session-revoked"] = new JsonObject() };
                break;
            case "events not an object":
                claims["events"] = new JsonArray(LogoutTokenValidator.LogoutEvent);
                break;
            case "issued too long ago":
                claims["iat"] = Jws.Seconds(now - TimeSpan.FromMinutes(4));
                claims.Remove("exp");
                break;
            case "issued in the future":
                claims["iat"] = Jws.Seconds(now + TimeSpan.FromMinutes(2));
                break;
            case "sub not a string":
                claims["sub"] = 42;
                break;
            case "no jti":
                claims.Remove("jti");
                break;
            case "wrong typ":
                header["typ"] = "JWT";
                break;
            case "a claim twice":
                var twice = claims.ToJsonString().Replace("\"sub\":\"alice\"", "\"sub\":\"alice\",\"sub\":\"bob\"", StringComparison.Ordinal);
                return await NodeTool.RunAsync("sign.mjs", new JsonObject { ["header"] = header, ["payload"] = twice, ["key"] = fixture.Key.Private.DeepClone() }.ToJsonString());
            case "not a JWT":
                return "eyJub3QiOiJhIEpXVCJ9";
            case "no typ":
                header.Remove("typ");
                break;
            case "typ application/logout+jwt":
                header["typ"] = "application/logout+jwt";
                break;
            case "sid only":
                claims.Remove("sub");
                break;
            case "sub only":
                claims.Remove("sid");
                break;
            case "aud a list naming us":
                claims["aud"] = new JsonArray("another-client", TestProvider.ClientId);
                break;
            case "issued 30 s ahead of our clock":
                claims["iat"] = Jws.Seconds(now + TimeSpan.FromSeconds(30));
                break;
            case "no exp":
                claims.Remove("exp");
                break;
            default:
                return await Tokens.VariantAsync(variant, claims, now);
        }

        return await SignAsync(header, claims);
    }
}
