using System.Text.Json.Nodes;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>A signing key pair made by tests/idp/keys.mjs: the private JWKS signs, the public one is what an issuer publishes.</summary>
public sealed record TestKeyPair(JsonObject Private, JsonObject Public, string KeyId)
{
    /// <summary>A fresh pair (<c>RS256</c> or <c>ES256</c>), its kid the RFC 7638 thumbprint unless given.</summary>
    public static async Task<TestKeyPair> NewAsync(string algorithm = "RS256", string? keyId = null)
    {
        var output = await NodeTool.RunAsync("keys.mjs", null, keyId is null ? [algorithm] : [algorithm, keyId]);
        var keys = JsonNode.Parse(output)!.AsObject();
        var privateSet = keys["private"]!.AsObject();
        return new TestKeyPair(privateSet, keys["public"]!.AsObject(), privateSet["keys"]![0]!["kid"]!.GetValue<string>());
    }

    /// <summary>Public key sets with the keys of every pair given, as an issuer publishes them during a rotation.</summary>
    public static JsonObject PublicSetOf(params TestKeyPair[] pairs) =>
        new() { ["keys"] = new JsonArray(pairs.SelectMany(p => p.Public["keys"]!.AsArray()).Select(k => k!.DeepClone()).ToArray()) };

    /// <summary>A private key set with the keys of every pair given (for provider.mjs's jwksFile).</summary>
    public static JsonObject PrivateSetOf(params TestKeyPair[] pairs) =>
        new() { ["keys"] = new JsonArray(pairs.SelectMany(p => p.Private["keys"]!.AsArray()).Select(k => k!.DeepClone()).ToArray()) };
}
