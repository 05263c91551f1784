using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using Sessions.Web.Federation.SharedSignals;

namespace Sessions.Tests.Federation;

/// <summary>
/// Security event tokens (RFC 8417) pushed by a transmitter are accepted only when signed by its published keys, for
/// this receiver, with one event and a subject; every refusal carries the RFC 8935 error code the endpoint answers with.
/// </summary>
public sealed class SecurityEventTokenValidatorTests(TransmitterFixture fixture) : IClassFixture<TransmitterFixture>
{
    [Fact]
    public async Task AValidSetPassesWithItsTransmitterEventSubjectAndJti()
    {
        using var services = Services();
        var claims = TransmitterTokens.Claims(services.Now);

        var result = await services.SecurityEvents.ValidateAsync(await SignAsync(Header(), claims), default);

        Assert.True(result.IsValid, result.Failure?.Description);
        var set = result.Token;
        Assert.Equal(("tx", TransmitterTokens.Issuer, TransmitterTokens.SessionRevoked), (set.TransmitterName, set.Issuer, set.EventType));
        Assert.Equal(Jws.Seconds(services.Now), set.Event.GetProperty("event_timestamp").GetInt64());
        Assert.Equal(new OpaqueSubjectIdentifier("0f2a6c1e9b7d4c3a8e5f1a2b3c4d5e6f"), set.Subject);
        Assert.Equal(claims["jti"]!.GetValue<string>(), set.Jti);
        Assert.Equal((services.Now, services.Now + TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1)), (set.IssuedAt, set.KeepUntil));
    }

    [Theory]
    [InlineData("bad signature", "invalid_key")]
    [InlineData("another key", "invalid_key")]
    [InlineData("unsigned", "invalid_key")]
    [InlineData("HS256", "invalid_key")]
    [InlineData("wrong audience", "invalid_audience")]
    [InlineData("wrong issuer", "invalid_issuer")]
    [InlineData("two events", "invalid_request")]
    [InlineData("no events", "invalid_request")]
    [InlineData("event not an object", "invalid_request")]
    [InlineData("wrong typ", "invalid_request")]
    [InlineData("no typ", "invalid_request")]
    [InlineData("no jti", "invalid_request")]
    [InlineData("no iat", "invalid_request")]
    [InlineData("issued two days ago", "invalid_request")]
    [InlineData("no subject", "invalid_request")]
    [InlineData("subject without a format", "invalid_request")]
    [InlineData("not a JWT", "invalid_request")]
    public async Task EveryBadSetIsRefusedWithTheRfc8935ErrorCode(string variant, string error)
    {
        using var services = Services();
        var header = Header();
        var claims = TransmitterTokens.Claims(services.Now);
        var token = await VariantAsync(variant, header, claims, services.Now);

        var result = await services.SecurityEvents.ValidateAsync(token, default);

        Assert.False(result.IsValid);
        Assert.Equal(error, SecurityEventErrors.Code(SecurityEventErrors.For(result.Failure.Reason)));
    }

    [Theory]
    [InlineData("""{"format":"iss_sub","iss":"https://idp.example","sub":"alice"}""", "iss_sub https://idp.example alice")]
    [InlineData("""{"format":"opaque","id":"0f2a6c1e9b7d4c3a8e5f1a2b3c4d5e6f"}""", "opaque 0f2a6c1e9b7d4c3a8e5f1a2b3c4d5e6f")]
    [InlineData("""{"format":"email","email":"alice@example.com"}""", "email alice@example.com")]
    [InlineData("""{"format":"complex","user":{"format":"iss_sub","iss":"https://idp.example","sub":"alice"},"session":{"format":"opaque","id":"s-1"}}""",
        "complex user=(iss_sub https://idp.example alice) session=(opaque s-1)")]
    [InlineData("""{"format":"complex","session":{"format":"opaque","id":"s-1"},"device":{"format":"opaque","id":"d-1"}}""",
        "complex user=() session=(opaque s-1) device")]
    [InlineData("""{"format":"phone_number","phone_number":"+12065550100"}""", "unsupported phone_number")]
    public async Task SubjectIdentifierFormatsAreParsedIntoTypedValues(string subId, string expected)
    {
        using var services = Services();
        var claims = TransmitterTokens.Claims(services.Now);
        claims["sub_id"] = JsonNode.Parse(subId);

        var result = await services.SecurityEvents.ValidateAsync(await SignAsync(Header(), claims), default);

        Assert.True(result.IsValid, result.Failure?.Description);
        Assert.Equal(expected, Describe(result.Token.Subject));
    }

    private static string Describe(SubjectIdentifier? subject) => subject switch
    {
        IssuerSubjectIdentifier s => $"iss_sub {s.Issuer} {s.Subject}",
        OpaqueSubjectIdentifier s => $"opaque {s.Id}",
        EmailSubjectIdentifier s => $"email {s.Email}",
        ComplexSubjectIdentifier s => $"complex user=({Describe(s.User)}) session=({Describe(s.Session)}){string.Concat(s.OtherParts.Select(p => " " + p))}",
        UnsupportedSubjectIdentifier s => $"unsupported {s.Format}",
        _ => string.Empty,
    };

    [Fact]
    public async Task ASubjectInsideTheEventIsAcceptedWhenThereIsNoTopLevelSubId()
    {
        using var services = Services();
        var claims = TransmitterTokens.Claims(services.Now);
        claims.Remove("sub_id");
        claims["events"]![TransmitterTokens.SessionRevoked]!["subject"] = new JsonObject { ["format"] = "email", ["email"] = "alice@example.com" };

        var result = await services.SecurityEvents.ValidateAsync(await SignAsync(Header(), claims), default);

        Assert.Equal(new EmailSubjectIdentifier("alice@example.com"), result.Token?.Subject);
    }

    private FederationServices Services() => new(TransmitterTokens.Settings(fixture.Jwks.JwksUri));

    private JsonObject Header() => TransmitterTokens.Header(fixture.Key);

    private Task<string> SignAsync(JsonObject header, JsonObject claims) => Jws.SignAsync(header, claims, fixture.Key.Private);

    private async Task<string> VariantAsync(string variant, JsonObject header, JsonObject claims, DateTimeOffset now)
    {
        var events = claims["events"]!.AsObject();
        switch (variant)
        {
            case "bad signature":
                var parts = (await SignAsync(header, claims)).Split('.');
                claims["jti"] = "tampered";
                return $"{parts[0]}.{Base64UrlEncoder.Encode(claims.ToJsonString())}.{parts[2]}";
            case "another key":
                return await Jws.SignAsync(TransmitterTokens.Header(fixture.OtherKey), claims, fixture.OtherKey.Private);
            case "unsigned":
                return await Jws.UnsignedAsync(new JsonObject { ["typ"] = "secevent+jwt" }, claims);
            case "HS256":
                return await Jws.SignAsync(new JsonObject { ["alg"] = "HS256", ["typ"] = "secevent+jwt" }, claims, new JsonObject { ["kty"] = "oct", ["k"] = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA" });
            case "wrong audience":
                claims["aud"] = "https://another-receiver.test";
                break;
            case "wrong issuer":
                claims["iss"] = "https://another-transmitter.test";
                break;
            case "two events":
                events["https://schemas.openid.net/secevent/caep/event-type/credential-change"] = new JsonObject();
                break;
            case "no events":
                claims.Remove("events");
                break;
            case "event not an object":
                events[TransmitterTokens.SessionRevoked] = "revoked";
                break;
            case "wrong typ":
                header["typ"] = "JWT";
                break;
            case "no typ":
                header.Remove("typ");
                break;
            case "no jti":
                claims.Remove("jti");
                break;
            case "no iat":
                claims.Remove("iat");
                break;
            case "issued two days ago":
                claims["iat"] = Jws.Seconds(now - TimeSpan.FromDays(2));
                break;
            case "no subject":
                claims.Remove("sub_id");
                break;
            case "subject without a format":
                claims["sub_id"] = new JsonObject { ["id"] = "x" };
                break;
            case "not a JWT":
                return "e30.e30";
            default:
                throw new ArgumentOutOfRangeException(nameof(variant), variant, "No such variant.");
        }

        return await SignAsync(header, claims);
    }
}
