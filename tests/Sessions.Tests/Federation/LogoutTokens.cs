using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using Sessions.Web.Federation.BackChannelLogout;

namespace Sessions.Tests.Federation;

/// <summary>Back-channel logout tokens as a provider signs them (with tests/idp/sign.mjs and npm jose), and the forged
/// and malformed ones a receiver must refuse.</summary>
public sealed class LogoutTokens(TestProvider provider, TestKeyPair key, TestKeyPair otherKey)
{
    /// <summary>The claims of a valid logout token issued at <paramref name="now"/> for <paramref name="subject"/> and
    /// <paramref name="sid"/> (either may be null), with a fresh jti.</summary>
    public JsonObject Claims(DateTimeOffset now, string? subject, string? sid)
    {
        var claims = new JsonObject
        {
            ["iss"] = provider.Issuer,
            ["aud"] = TestProvider.ClientId,
            ["iat"] = Jws.Seconds(now),
            ["exp"] = Jws.Seconds(now + TimeSpan.FromMinutes(2)),
            ["jti"] = Guid.NewGuid().ToString(),
            ["events"] = new JsonObject { [LogoutTokenValidator.LogoutEvent] = new JsonObject() },
        };
        if (subject is not null)
        {
            claims["sub"] = subject;
        }

        if (sid is not null)
        {
            claims["sid"] = sid;
        }

        return claims;
    }

    /// <summary>A valid logout token with <paramref name="claims"/>, signed by the provider's key.</summary>
    public Task<string> SignAsync(JsonObject claims) => Jws.SignAsync(Header(), claims, key.Private);

    /// <summary>A logout token with <paramref name="claims"/> made invalid as <paramref name="variant"/> says.</summary>
    public async Task<string> VariantAsync(string variant, JsonObject claims, DateTimeOffset now)
    {
        switch (variant)
        {
            case "unsigned":
                return await Jws.UnsignedAsync(new JsonObject { ["typ"] = "logout+jwt" }, claims);
            case "HS256 with the client secret":
                var secret = new JsonObject { ["kty"] = "oct", ["k"] = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(TestProvider.ClientSecret)) };
                return await Jws.SignAsync(new JsonObject { ["alg"] = "HS256", ["typ"] = "logout+jwt" }, claims, secret);
            case "another key":
                return await Jws.SignAsync(new JsonObject { ["alg"] = "ES256", ["kid"] = otherKey.KeyId, ["typ"] = "logout+jwt" }, claims, otherKey.Private);
            case "nonce present":
                claims["nonce"] = "n-0S6_WzA2Mj";
                break;
            case "no events":
                claims.Remove("events");
                break;
            case "wrong aud":
                claims["aud"] = "another-client";
                break;
            case "wrong iss":
                claims["iss"] = "http://127.0.0.1:9";
                break;
            case "expired":
                claims["iat"] = Jws.Seconds(now - TimeSpan.FromMinutes(5));
                claims["exp"] = Jws.Seconds(now - TimeSpan.FromMinutes(3));
                break;
            case "neither sub nor sid":
                claims.Remove("sub");
                claims.Remove("sid");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(variant), variant, "No such variant.");
        }

        return await SignAsync(claims);
    }

    /// <summary>The JOSE header a provider puts on its logout tokens (a new object: callers may change it).</summary>
    public JsonObject Header() => new() { ["alg"] = "RS256", ["kid"] = key.KeyId, ["typ"] = "logout+jwt" };
}
