using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

// Opens sessions through a server's own HTTP API and writes one request header per session ("Name: value") to a
// file that bench/wrk/random-session.lua replays, then checks a sample of them is accepted.
//
//   Seeder grid   <base url> <sessions> <sessions per user> <out file>   register + app sign-in on the grid
//   Seeder cookie <base url> <sessions> <out file>                       POST /login on the cookie baseline
//   Seeder bearer <base url> <sessions> <out file>                       POST /login on a session-lookup baseline
if (args.Length < 4 || args[0] is not ("grid" or "cookie" or "bearer") || (args[0] == "grid" && args.Length < 5))
{
    await Console.Error.WriteLineAsync("usage: Seeder grid|cookie|bearer <base url> <sessions> [<sessions per user>] <out file>");
    return 2;
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
            _ => "Authorization: Bearer " + (await SignIn<SessionSignIn>("/login", new { username }, cancel)).SessionId,
        };
    }
});
await File.WriteAllLinesAsync(outFile, headers);
Console.WriteLine($"seeded {count} {kind} sessions for {users} users in {clock.Elapsed.TotalSeconds:F1} s");

// A benchmark of rejected requests would measure the wrong thing: every sampled session must be accepted.
var mePath = kind == "grid" ? "/auth/me" : "/me";
foreach (var header in headers.Where((_, i) => i % Math.Max(1, count / 50) == 0))
{
    using var request = new HttpRequestMessage(HttpMethod.Get, mePath);
    var separator = header.IndexOf(':', StringComparison.Ordinal);
    request.Headers.TryAddWithoutValidation(header[..separator], header[(separator + 2)..]);
    using var response = await http.SendAsync(request);
    if (response.StatusCode != HttpStatusCode.OK)
    {
        await Console.Error.WriteLineAsync($"GET {mePath} with a seeded session answered {(int)response.StatusCode}");
        return 1;
    }
}

return 0;

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
