using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>A key set served on loopback (tests/idp/jwks-server.mjs): re-read from its file on every request, so a
/// test rotates keys by rewriting it, and every fetch is counted.</summary>
public sealed class TestJwksServer : IAsyncDisposable
{
    private readonly NodeTool _tool;
    private readonly string _directory;
    private readonly HttpClient _http = new();

    private TestJwksServer(NodeTool tool, string directory)
    {
        _tool = tool;
        _directory = directory;
    }

    public string JwksUri => _tool.Ready.GetProperty("jwks_uri").GetString()!;

    private string File => _tool.Ready.GetProperty("file").GetString()!;

    /// <summary>Starts serving <paramref name="keys"/>.</summary>
    public static async Task<TestJwksServer> StartAsync(JsonObject keys)
    {
        var directory = Directory.CreateTempSubdirectory("sessions-jwks-").FullName;
        var file = Path.Combine(directory, "public.jwks.json");
        await System.IO.File.WriteAllTextAsync(file, keys.ToJsonString());
        return new TestJwksServer(await NodeTool.StartAsync("jwks-server.mjs", file), directory);
    }

    /// <summary>Serves <paramref name="keys"/> from now on.</summary>
    public Task PublishAsync(JsonObject keys) => System.IO.File.WriteAllTextAsync(File, keys.ToJsonString());

    /// <summary>How many times the key set was fetched.</summary>
    public async Task<int> FetchesAsync()
    {
        var counter = await _http.GetFromJsonAsync<JsonElement>($"{_tool.Url}/requests");
        return counter.GetProperty("count").GetInt32();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _tool.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
