using System.Diagnostics;
using System.Net;

namespace Sessions.Bench.Flood;

/// <summary>
/// A legitimate user signing in elsewhere during the flood: one app sign-in with a real user's correct password at
/// a fixed interval while the window is open, each on a new connection from its own /24 network
/// (127.NETWORK.i.9), so no per-address or per-network limit meant for the flooder can count it, and none of its own
/// sign-ins count against the next. A timeout (10 s) or any answer but 200 is a failure.
/// </summary>
internal sealed class SignInProbe(Uri server, IReadOnlyList<Account> accounts, byte network, TimeSpan every, MeasuredWindow window)
{
    private static readonly TimeSpan PatienceForAnAnswer = TimeSpan.FromSeconds(10);

    public Latencies Latencies { get; } = new();

    public Answers Answers { get; } = new();

    public async Task RunAsync()
    {
        var attempts = new List<Task>();
        for (var i = 0; window.IsOpenAt(window.At(every * i)); i++)
        {
            await MeasuredWindow.UntilAsync(window.At(every * i));
            attempts.Add(SignInAsync(i));
        }

        await Task.WhenAll(attempts);
    }

    private async Task SignInAsync(int attempt)
    {
        var account = accounts[(network + attempt) % accounts.Count];
        var source = new IPAddress([127, network, (byte)(attempt % 256), 9]);
        using var client = BoundClient.Create(server, source, connections: 1, PatienceForAnAnswer);
        using var request = Exchange.Login(account.Username, account.Password, client: "app");
        var started = Stopwatch.GetTimestamp();
        Answers.Add(await Exchange.OutcomeAsync(client, request, CancellationToken.None));
        Latencies.Add(Stopwatch.GetTimestamp() - started);
    }
}
