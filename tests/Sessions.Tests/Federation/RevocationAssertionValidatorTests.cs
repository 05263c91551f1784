using System.Text.Json.Nodes;
using Sessions.Web.Federation.GlobalRevocation;
using Sessions.Web.Federation.Tokens;

namespace Sessions.Tests.Federation;

/// <summary>
/// A provider authenticates a global token revocation request with a short-lived JWT signed by its published keys, for
/// exactly this endpoint (draft-parecki-oauth-global-token-revocation, RFC 7523): anything else is refused.
/// </summary>
public sealed class RevocationAssertionValidatorTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    private const string Endpoint = "https://grid.test/oauth/global-token-revocation";

    [Fact]
    public async Task AValidAssertionNamesTheProviderItsJtiAndItsExpiry()
    {
        using var services = new FederationServices(fixture.Provider.Settings("corp"));
        var claims = Claims(services.Now);

        var result = await services.RevocationAssertions.ValidateAsync(await SignAsync(Header(), claims), Endpoint, default);

        Assert.True(result.IsValid, result.Failure?.Description);
        var expires = services.Now + TimeSpan.FromMinutes(5);
        Assert.Equal(
            new RevocationAssertion("corp", fixture.Provider.Issuer, claims["jti"]!.GetValue<string>(), expires, expires + TimeSpan.FromMinutes(1)),
            result.Token);
    }

    [Theory]
    [InlineData("wrong aud", TokenFailureReason.WrongAudience)]
    [InlineData("expired", TokenFailureReason.Expired)]
    [InlineData("exp too far ahead", TokenFailureReason.BadLifetime)]
    [InlineData("no exp", TokenFailureReason.MissingClaim)]
    [InlineData("unknown issuer", TokenFailureReason.UnknownIssuer)]
    [InlineData("no jti", TokenFailureReason.MissingClaim)]
    [InlineData("another key", TokenFailureReason.UnknownKey)]
    [InlineData("unsigned", TokenFailureReason.UnsupportedAlgorithm)]
    [InlineData("a logout token", TokenFailureReason.WrongType)]
    public async Task EveryBadAssertionIsRefusedWithItsReason(string variant, TokenFailureReason reason)
    {
        using var services = new FederationServices(fixture.Provider.Settings("corp"));
        var header = Header();
        var claims = Claims(services.Now);
        switch (variant)
        {
            case "wrong aud": claims["aud"] = "https://grid.test/oauth/introspect"; break;
            case "expired": claims["exp"] = Jws.Seconds(services.Now - TimeSpan.FromMinutes(2)); break;
            case "exp too far ahead": claims["exp"] = Jws.Seconds(services.Now + TimeSpan.FromMinutes(10)); break;
            case "no exp": claims.Remove("exp"); break;
            case "unknown issuer": claims["iss"] = "https://unknown-idp.test"; break;
            case "no jti": claims.Remove("jti"); break;
            case "a logout token": header["typ"] = "logout+jwt"; break;
        }

        var token = variant switch
        {
            "another key" => await Jws.SignAsync(new JsonObject { ["alg"] = "ES256", ["kid"] = fixture.OtherKey.KeyId }, claims, fixture.OtherKey.Private),
            "unsigned" => await Jws.UnsignedAsync(new JsonObject(), claims),
            _ => await SignAsync(header, claims),
        };

        var result = await services.RevocationAssertions.ValidateAsync(token, Endpoint, default);

        Assert.Equal(reason, result.Failure?.Reason);
    }

    private JsonObject Header() => new() { ["alg"] = "RS256", ["kid"] = fixture.Key.KeyId, ["typ"] = "JWT" };

    private JsonObject Claims(DateTimeOffset now) => new()
    {
        ["iss"] = fixture.Provider.Issuer,
        ["sub"] = fixture.Provider.Issuer,
        ["aud"] = Endpoint,
        ["iat"] = Jws.Seconds(now),
        ["exp"] = Jws.Seconds(now + TimeSpan.FromMinutes(5)),
        ["jti"] = Guid.NewGuid().ToString(),
    };

    private Task<string> SignAsync(JsonObject header, JsonObject claims) => Jws.SignAsync(header, claims, fixture.Key.Private);
}
