using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

// Opens sessions through a server's own HTTP API and writes one request header per session ("Name: value") to a
// file that bench/wrk/random-session.lua replays, then checks a sample of them is accepted.
//
//   Seeder grid   <base url> <sessions> <sessions per user> <out file>   register + app sign-in on the grid
//   Seeder cookie <base url> <sessions> <out file>                       POST /login on the cookie baseline
//   Seeder bearer <base url> <sessions> <out file>                       POST /login on a session-lookup baseline
//   Seeder jwt    <base url> <sessions> <out file>                       POST /login on the JwtBearer baseline (its
//                                                                        identity provider side): one RS256 access
//                                                                        token per session
//   Seeder replay <base url> <path> <sessions file>                      GET path once with every session (so a
//                                                                        server that starts on existing data has
//                                                                        every user active), each must be accepted
if (args.Length < 4 || args[0] is not ("grid" or "cookie" or "bearer" or "jwt" or "replay") || (args[0] == "grid" && args.Length < 5))
{
    await Console.Error.WriteLineAsync("usage: Seeder grid|cookie|bearer|jwt <base url> <sessions> [<sessions per user>] <out file>");
    await Console.Error.WriteLineAsync("       Seeder replay <base url> <path> <sessions file>");
    return 2;
}

if (args[0] == "replay")
{
    using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(args[1]) };
    var sessions = await File.ReadAllLinesAsync(args[3]);
    var replayed = Stopwatch.StartNew();
    var refused = await Rejected(client, args[2], sessions);
    Console.WriteLine($"replayed {sessions.Length} sessions in {replayed.Elapsed.TotalSeconds:F1} s, {refused} rejected");
    return refused == 0 ? 0 : 1;
}

var kind = args[0];
var count = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
var perUser = kind == "grid" ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1;
var outFile = args[^1];
using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 64 })
{
    BaseAddress = new Uri(args[1]),
    Timeout = TimeSpan.FromSeconds(60),
};

var run = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..4]); // usernames never collide across runs
var headers = new string[count];
var clock = Stopwatch.StartNew();
var users = (count + perUser - 1) / perUser;
await Parallel.ForEachAsync(Enumerable.Range(0, users), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (user, cancel) =>
{
    var username = $"bench-{run}-{user}";
    if (kind == "grid")
    {
        (await Send(HttpMethod.Post, "/auth/register", new { username, password = Password(user) }, HttpStatusCode.Created, cancel)).Dispose();
    }

    for (var i = user * perUser; i < Math.Min(count, (user + 1) * perUser); i++)
    {
        headers[i] = kind switch
        {
            "grid" => "Authorization: Bearer " + (await SignIn<AppSignIn>("/auth/login",
                new { username, password = Password(user), client = "app", device = "bench" }, cancel)).AccessToken,
            "cookie" => "Cookie: " + await SignInWithCookie(username, cancel),
            "jwt" => "Authorization: Bearer " + (await SignIn<AppSignIn>("/login", new { username }, cancel)).AccessToken,
            _ => "Authorization: Bearer " + (await SignIn<SessionSignIn>("/login", new { username }, cancel)).SessionId,
        };
    }
});
await File.WriteAllLinesAsync(outFile, headers);
Console.WriteLine($"seeded {count} {kind} sessions for {users} users in {clock.Elapsed.TotalSeconds:F1} s");

// A benchmark of rejected requests would measure the wrong thing: every sampled session must be accepted.
var sample = headers.Where((_, i) => i % Math.Max(1, count / 50) == 0).ToArray();
var mePath = kind == "grid" ? "/auth/me" : "/me";
if (await Rejected(http, mePath, sample) is > 0 and var refusedSample)
{
    await Console.Error.WriteLineAsync($"GET {mePath} rejected {refusedSample} of {sample.Length} seeded sessions");
    return 1;
}

return 0;

// How many of the sessions GET path does not answer with 200.
static async Task<int> Rejected(HttpClient client, string path, IReadOnlyList<string> sessions)
{
    var rejected = 0;
    await Parallel.ForEachAsync(sessions, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (header, cancel) =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        var separator = header.IndexOf(':', StringComparison.Ordinal);
        request.Headers.TryAddWithoutValidation(header[..separator], header[(separator + 2)..]);
        using var response = await client.SendAsync(request, cancel);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Interlocked.Increment(ref rejected);
        }
    });
    return rejected;
}

static string Password(int user) => $"bench-password-{user}";

async Task<HttpResponseMessage> Send(HttpMethod method, string path, object body, HttpStatusCode expected, CancellationToken cancel)
{
    using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
    var response = await http.SendAsync(request, cancel);
    if (response.StatusCode != expected)
    {
        var text = await response.Content.ReadAsStringAsync(cancel);
        response.Dispose();
        throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}, expected {(int)expected}: {text}");
    }

    return response;
}

async Task<T> SignIn<T>(string path, object body, CancellationToken cancel)
{
    using var response = await Send(HttpMethod.Post, path, body, HttpStatusCode.OK, cancel);
    return (await response.Content.ReadFromJsonAsync<T>(cancel))!;
}

async Task<string> SignInWithCookie(string username, CancellationToken cancel)
{
    using var response = await Send(HttpMethod.Post, "/login", new { username }, HttpStatusCode.OK, cancel);
    return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
}

internal sealed record AppSignIn(string AccessToken);

internal sealed record SessionSignIn(string SessionId);
