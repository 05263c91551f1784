using System.Text.Json.Nodes;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>A real OpenID Provider (tests/idp/provider.mjs, oidc-provider 9) on loopback, signing with keys the test
/// holds, so the test can sign tokens as the provider.</summary>
public sealed class TestProvider : IAsyncDisposable
{
    public const string ClientId = "grid";
    public const string ClientSecret = "grid-secret-0123456789abcdef";

    private readonly NodeTool _tool;
    private readonly string _directory;

    private TestProvider(NodeTool tool, string directory, TestKeyPair[] keys)
    {
        _tool = tool;
        _directory = directory;
        Keys = keys;
    }

    /// <summary>The issuer (<c>http://127.0.0.1:PORT</c>).</summary>
    public string Issuer => _tool.Ready.GetProperty("issuer").GetString()!;

    public int Port => _tool.Ready.GetProperty("port").GetInt32();

    /// <summary>The keys it publishes; the first signs its own tokens.</summary>
    public TestKeyPair[] Keys { get; }

    /// <summary>Starts a provider publishing <paramref name="keys"/> on <paramref name="port"/> (any free one when 0).</summary>
    public static async Task<TestProvider> StartAsync(TestKeyPair[] keys, int port = 0)
    {
        var directory = Directory.CreateTempSubdirectory("sessions-idp-").FullName;
        var jwksFile = Path.Combine(directory, "op.private.jwks.json");
        await File.WriteAllTextAsync(jwksFile, TestKeyPair.PrivateSetOf(keys).ToJsonString());
        var configuration = new JsonObject
        {
            ["port"] = port,
            ["jwksFile"] = jwksFile,
            ["clients"] = new JsonArray(new JsonObject
            {
                ["client_id"] = ClientId,
                ["client_secret"] = ClientSecret,
                ["redirect_uris"] = new JsonArray("http://127.0.0.1:9/auth/federation/test/callback"),
                ["backchannel_logout_uri"] = "http://127.0.0.1:9/auth/federation/test/backchannel-logout",
                ["token_endpoint_auth_method"] = "client_secret_basic",
            }),
        };
        var configurationFile = Path.Combine(directory, "provider.json");
        await File.WriteAllTextAsync(configurationFile, configuration.ToJsonString());
        return new TestProvider(await NodeTool.StartAsync("provider.mjs", configurationFile), directory, keys);
    }

    /// <summary>The settings of a grid provider named <paramref name="name"/> for this provider.</summary>
    public Dictionary<string, string?> Settings(string name = "test") => new()
    {
        [$"Sessions:Federation:Providers:{name}:Authority"] = Issuer,
        [$"Sessions:Federation:Providers:{name}:ClientId"] = ClientId,
        [$"Sessions:Federation:Providers:{name}:ClientSecret"] = ClientSecret,
    };

    public async ValueTask DisposeAsync()
    {
        await _tool.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
