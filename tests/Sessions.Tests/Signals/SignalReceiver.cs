using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Signals;

/// <summary>
/// The Node push receiver of tests/idp (receiver.mjs) on a port chosen before it starts, so the grid can be configured
/// with its endpoint first: it verifies every Security Event Token with jose against the grid's
/// <c>/.well-known/jwks.json</c> (signature, <c>typ</c>, <c>iss</c>, <c>aud</c>, one event, <c>sub_id</c>) and records it.
/// </summary>
public sealed class SignalReceiver : IAsyncDisposable
{
    /// <summary>How long a test waits for pushes that happen in real time after a grain call returned.</summary>
    public static readonly TimeSpan ArrivalLimit = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions ConfigJson = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private readonly NodeTool _tool;
    private readonly HttpClient _http;
    private readonly string _configFile;

    private SignalReceiver(NodeTool tool, string configFile)
    {
        _tool = tool;
        _configFile = configFile;
        _http = new HttpClient { BaseAddress = new Uri(tool.Url) };
    }

    public const string Audience = "https://app.example";

    public string Log => _tool.Log;

    /// <summary>The endpoint of a receiver listening on <paramref name="port"/>.</summary>
    public static string EndpointAt(int port) => $"http://127.0.0.1:{port}/";

    public static async Task<SignalReceiver> StartAsync(int port, Uri grid, string issuer, int[]? responses = null, int? alwaysStatus = null)
    {
        var config = Path.Combine(Directory.CreateTempSubdirectory("sessions-receiver-").FullName, "receiver.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            port,
            jwksUri = new Uri(grid, "/.well-known/jwks.json").ToString(),
            issuer,
            audience = Audience,
            responses = responses ?? [],
            alwaysStatus,
        }, ConfigJson));
        return new SignalReceiver(await NodeTool.StartAsync("receiver.mjs", config), config);
    }

    /// <summary>Every POST so far, oldest first.</summary>
    public async Task<ReceivedSet[]> ReceivedAsync() =>
        (await _http.GetFromJsonAsync<ReceivedSet[]>("/received", TestContext.Current.CancellationToken))!;

    /// <summary>The POSTs about <paramref name="userId"/>, oldest first.</summary>
    public async Task<ReceivedSet[]> ReceivedForAsync(string userId) => [.. (await ReceivedAsync()).Where(r => r.IsAbout(userId))];

    /// <summary>Waits until the POSTs about <paramref name="userId"/> satisfy <paramref name="done"/>, doing
    /// <paramref name="betweenPolls"/> (moving a fake clock) after every look.</summary>
    public async Task<ReceivedSet[]> WaitForAsync(string userId, Func<ReceivedSet[], bool> done, Action? betweenPolls = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var received = await ReceivedForAsync(userId);
            if (done(received))
            {
                return received;
            }

            if (deadline.Elapsed > ArrivalLimit)
            {
                throw new TimeoutException($"The receiver did not get what was expected for user {userId}; it got {received.Length}:\n{_tool.Log}");
            }

            betweenPolls?.Invoke();
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Answers every POST with <paramref name="alwaysStatus"/> from now on (null: verify and answer 202/400).</summary>
    public async Task ScriptAsync(int? alwaysStatus, int[]? responses = null)
    {
        var response = await _http.PutAsJsonAsync("/script", new { alwaysStatus, responses = responses ?? [] }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _tool.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_configFile)!, recursive: true);
    }
}
