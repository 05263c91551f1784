using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;

namespace Sessions.Bench.Flood;

/// <summary>
/// Registers the accounts through the grid's own HTTP API and signs in the app tokens the validation load
/// presents, from an address the grid is configured to exempt from its per-address limits. Hashing runs at its
/// real cost, so this takes a while: one hash per account and one per token.
/// </summary>
internal static class SeedCommand
{
    private const int Parallelism = 8; // enough to keep every core of the grid hashing

    public static async Task<int> RunAsync(Arguments arguments)
    {
        var users = arguments.Int("users", 200);
        var tokens = arguments.Int("tokens", 1000);
        var accounts = Plan(users, arguments.Int("probe-accounts", 10), arguments.Texts("spray-slices"), arguments.Int("spray-accounts", 100));
        using var client = BoundClient.Create(new Uri(arguments.Required("base")), arguments.Address("from", "127.0.2.1"),
            Parallelism, TimeSpan.FromSeconds(60));
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (account, cancel) =>
            await ExpectAsync(client, Exchange.Register(account.Username, account.Password), HttpStatusCode.Created, cancel));
        Console.WriteLine($"registered {accounts.Count} accounts in {clock.Elapsed.TotalSeconds:F0} s");

        var holders = accounts.Where(a => a.Role == "token").ToArray();
        var headers = new string[tokens];
        await Parallel.ForEachAsync(Enumerable.Range(0, tokens), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, cancel) =>
        {
            var holder = holders[i % holders.Length];
            using var response = await ExpectAsync(client, Exchange.Login(holder.Username, holder.Password, client: "app"), HttpStatusCode.OK, cancel);
            headers[i] = "Authorization: Bearer " + (await response.Content.ReadFromJsonAsync<AppSignIn>(cancel))!.AccessToken;
        });

        Account.Write(arguments.Required("accounts"), accounts);
        await File.WriteAllLinesAsync(arguments.Required("sessions"), headers);
        var refused = await RefusedAsync(client, headers.Where((_, i) => i % Math.Max(1, tokens / 50) == 0));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {accounts.Count} accounts and {tokens} app tokens in {clock.Elapsed.TotalSeconds:F0} s ({(accounts.Count + tokens) / clock.Elapsed.TotalSeconds:F1} password hashes/s)"));
        if (refused > 0)
        {
            await Console.Error.WriteLineAsync($"GET /auth/me refused {refused} of the sampled seeded tokens");
            return 1;
        }

        return 0;
    }

    private static List<Account> Plan(int users, int probes, string[] slices, int perSlice)
    {
        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)); // names never collide across runs
        var accounts = new List<Account>();
        void Add(string role, string username) => accounts.Add(new Account(role, username, $"pw-{username}"));
        for (var i = 0; i < users; i++)
        {
            Add("token", $"u{run}-{i}");
        }

        for (var i = 0; i < probes; i++)
        {
            Add("probe", $"p{run}-{i}");
        }

        foreach (var slice in slices)
        {
            for (var i = 0; i < perSlice; i++)
            {
                Add("spray:" + slice, $"s{run}-{slice}-{i}");
            }
        }

        return accounts;
    }

    private static async Task<HttpResponseMessage> ExpectAsync(HttpClient client, HttpRequestMessage request, HttpStatusCode expected, CancellationToken cancel)
    {
        using (request)
        {
            var response = await client.SendAsync(request, cancel);
            if (response.StatusCode == expected)
            {
                return response;
            }

            var body = await response.Content.ReadAsStringAsync(cancel);
            response.Dispose();
            throw new InvalidOperationException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {body}");
        }
    }

    private static async Task<int> RefusedAsync(HttpClient client, IEnumerable<string> headers)
    {
        var refused = 0;
        foreach (var header in headers)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/me");
            request.Headers.TryAddWithoutValidation("Authorization", header["Authorization: ".Length..]);
            using var response = await client.SendAsync(request);
            refused += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
        }

        return refused;
    }

    private sealed record AppSignIn(string AccessToken);
}
