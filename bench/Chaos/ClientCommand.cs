namespace Sessions.Bench.Chaos;

/// <summary>
/// One client process: registers its users through the front ends, says so by creating the ready file, then runs
/// every user's two loops until the stop file appears, and leaves the history behind (one JSON line per request).
/// </summary>
internal static class ClientCommand
{
    public static async Task<int> RunAsync(Arguments arguments)
    {
        var process = arguments.Int("process", 1);
        var frontEnds = arguments.Texts("front-ends").Select(url => new Uri(url)).ToArray();
        var stopFile = arguments.Required("stop-file");
        var pace = new ClientPace(
            TimeSpan.FromMilliseconds(arguments.Number("action-pause-ms", 500)),
            TimeSpan.FromMilliseconds(arguments.Number("validation-pause-ms", 40)));
        using var history = new JsonLines<HistoryEntry>(arguments.Required("history"), ChaosJson.Default.HistoryEntry);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        })
        {
            // Longer than the grid's own budget for a grain call (Sessions:Web:GrainCallTimeout, 10 s): its 503 is
            // an answer; a request that outlives this counts as one that got none.
            Timeout = TimeSpan.FromSeconds(20),
        };
        var grid = new GridClient(http, frontEnds);
        var recorder = new Recorder(history, process);
        var tag = arguments.Text("tag", Guid.NewGuid().ToString("N")[..8]);
        var seed = arguments.Int("seed", Environment.ProcessId);
        var users = Enumerable.Range(1, arguments.Int("users", 8))
            .Select(i => new SimulatedUser($"chaos-{tag}-p{process}-u{i}", grid, recorder, pace, seed * 1000 + i))
            .ToArray();

        using var stop = new CancellationTokenSource();
        await Task.WhenAll(users.Select(user => user.RegisterAsync(stop.Token)));
        await File.WriteAllTextAsync(arguments.Required("ready-file"), $"{users.Length}\n");

        var loops = users.SelectMany(user => new[] { user.ActAsync(stop.Token), user.ValidateAsync(stop.Token) }).ToArray();
        while (!File.Exists(stopFile))
        {
            await Task.Delay(200);
        }

        await stop.CancelAsync();
        await Task.WhenAll(loops);
        return 0;
    }
}
