using System.Text.Json.Nodes;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>Tokens made by tests/idp/sign.mjs (jose): any header, any payload, any key, or none at all.</summary>
public static class Jws
{
    /// <summary>A compact JWS of <paramref name="payload"/> with <paramref name="header"/> (used as given), signed by
    /// <paramref name="key"/> (a private JWK or JWKS, or <c>{"kty":"oct","k":…}</c> for HS*).</summary>
    public static Task<string> SignAsync(JsonObject header, JsonObject payload, JsonNode key) =>
        NodeTool.RunAsync("sign.mjs", new JsonObject { ["header"] = header.DeepClone(), ["payload"] = payload.DeepClone(), ["key"] = key.DeepClone() }.ToJsonString());

    /// <summary>A token with no signature (<c>alg: none</c> unless the header says otherwise).</summary>
    public static Task<string> UnsignedAsync(JsonObject header, JsonObject payload) =>
        NodeTool.RunAsync("sign.mjs", new JsonObject { ["header"] = header.DeepClone(), ["payload"] = payload.DeepClone(), ["unsigned"] = true }.ToJsonString());

    /// <summary>The NumericDate of <paramref name="time"/>.</summary>
    public static long Seconds(DateTimeOffset time) => time.ToUnixTimeSeconds();
}
