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

    /// <summary>Starts a provider publishing <paramref name="keys"/> on <paramref name="port"/> (any free one when 0), with
    /// the grid at <paramref name="grid"/> (its base address) registered as the client of provider name
    /// <paramref name="name"/>: redirect URI <c>/auth/federation/{name}/callback</c> and back-channel logout URI
    /// <c>/auth/federation/{name}/backchannel-logout</c>, as the README says to register them.</summary>
    public static async Task<TestProvider> StartAsync(TestKeyPair[] keys, int port = 0, Uri? grid = null, string name = "test")
    {
        var relyingParty = grid?.GetLeftPart(UriPartial.Authority) ?? "http://127.0.0.1:9";
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
                ["redirect_uris"] = new JsonArray($"{relyingParty}/auth/federation/{name}/callback"),
                ["backchannel_logout_uri"] = $"{relyingParty}/auth/federation/{name}/backchannel-logout",
                ["token_endpoint_auth_method"] = "client_secret_basic",
            }),
        };
        var configurationFile = Path.Combine(directory, "provider.json");
        await File.WriteAllTextAsync(configurationFile, configuration.ToJsonString());
        return new TestProvider(await NodeTool.StartAsync("provider.mjs", configurationFile), directory, keys);
    }

    /// <summary>The settings of a grid provider named <paramref name="name"/> for this provider.</summary>
    public Dictionary<string, string?> Settings(string name = "test") => SettingsFor(Issuer, name);

    /// <summary>The settings of a grid provider named <paramref name="name"/> whose issuer is <paramref name="issuer"/>
    /// (a provider to be started later on a port chosen now).</summary>
    public static Dictionary<string, string?> SettingsFor(string issuer, string name = "test") => new()
    {
        [$"Sessions:Federation:Providers:{name}:Authority"] = issuer,
        [$"Sessions:Federation:Providers:{name}:ClientId"] = ClientId,
        [$"Sessions:Federation:Providers:{name}:ClientSecret"] = ClientSecret,
    };

    /// <summary>What the provider wrote to stderr so far (its back-channel logout lines among them).</summary>
    public string Log => _tool.Log;

    public async ValueTask DisposeAsync()
    {
        await _tool.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
