using System.Text.Json.Nodes;

namespace Sessions.Tests.Federation;

/// <summary>Security event tokens as a transmitter sends them (RFC 8417), and the grid settings of that transmitter.</summary>
public static class TransmitterTokens
{
    public const string Issuer = "https://transmitter.test";
    public const string Audience = "https://grid.test/ssf/events";
    public const string SessionRevoked = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";

    /// <summary>The settings of a transmitter named <paramref name="name"/> whose keys are at <paramref name="jwksUri"/>.</summary>
    public static Dictionary<string, string?> Settings(string jwksUri, string name = "tx") => new()
    {
        [$"Sessions:Federation:Transmitters:{name}:Issuer"] = Issuer,
        [$"Sessions:Federation:Transmitters:{name}:JwksUri"] = jwksUri,
        [$"Sessions:Federation:Transmitters:{name}:Audience"] = Audience,
    };

    public static JsonObject Header(TestKeyPair key) => new() { ["alg"] = key.Private["keys"]![0]!["alg"]!.GetValue<string>(), ["kid"] = key.KeyId, ["typ"] = "secevent+jwt" };

    public static JsonObject Claims(DateTimeOffset now, string eventType = SessionRevoked) => new()
    {
        ["iss"] = Issuer,
        ["aud"] = Audience,
        ["iat"] = Jws.Seconds(now),
        ["jti"] = Guid.NewGuid().ToString(),
        ["sub_id"] = new JsonObject { ["format"] = "opaque", ["id"] = "0f2a6c1e9b7d4c3a8e5f1a2b3c4d5e6f" },
        ["events"] = new JsonObject { [eventType] = new JsonObject { ["event_timestamp"] = Jws.Seconds(now) } },
    };

    public static Task<string> SignAsync(TestKeyPair key, DateTimeOffset now) => Jws.SignAsync(Header(key), Claims(now), key.Private);
}
