using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Hardening;

/// <summary>
/// T26 (docs/threat-model.md): well over 100,000 generated credentials (<see cref="CredentialFuzzer"/>, fixed seed) sent straight
/// into the real front end's pipeline, spread over four protected endpoints. Not one passes, not one is a server
/// error, not one reaches a grain, and every refusal of one kind is the same bytes; the real tokens they were made
/// from still work afterwards.
/// </summary>
public sealed class CredentialFuzzTests
{
    private const int Seed = 20260105;
    private const int Cases = 120_000;

    private static readonly (string Method, string Path)[] Endpoints =
        [("GET", "/auth/me"), ("GET", "/auth/sessions"), ("GET", "/auth/check"), ("POST", "/auth/logout-everywhere")];

    [Fact]
    public async Task NoGeneratedCredentialPassesFailsTheServerReachesAGrainOrIsAnsweredDifferently()
    {
        await using var grid = new WebGrid();
        var (real, control) = await SignInAsync(grid);
        var cases = new CredentialFuzzer(Seed, real).Generate(Cases).ToArray();
        var outcome = new Outcome();
        var callsBefore = grid.GrainCalls.Calls;
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(
            Enumerable.Range(0, cases.Length),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = TestContext.Current.CancellationToken },
            async (i, cancel) => outcome.Record(i % Endpoints.Length, cases[i], await SendAsync(grid.Server, Endpoints[i % Endpoints.Length], cases[i], cancel)));
        clock.Stop();

        var report = $"{cases.Length} cases in {clock.Elapsed.TotalSeconds:F1} s; {outcome}";
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Assert.True(cases.Length >= 100_000, report);
        Assert.True(outcome.Successes == 0, report);
        Assert.True(outcome.ServerErrors == 0, report);
        Assert.True(outcome.Unexpected == 0, report);
        Assert.True(outcome.DifferentBodies == 0, report);
        Assert.True(grid.GrainCalls.Calls == callsBefore, $"{grid.GrainCalls.Calls - callsBefore} grain calls; {report}");
        Assert.Equal(HttpStatusCode.OK, await control.MeAsync());
        Assert.Equal(HttpStatusCode.OK, await grid.Bearer(real.Access).MeAsync());
        Assert.Equal(HttpStatusCode.OK, await grid.Bearer(real.ApiToken).MeAsync());
        Assert.Equal(HttpStatusCode.OK, await grid.Bearer(real.OtherAccess).MeAsync());
        Assert.Equal(HttpStatusCode.OK, (await grid.RefreshAsync(real.Refresh)).StatusCode);
        Assert.Equal(3, (await control.GetFromJsonAsync<SessionRow[]>("/auth/sessions", TestContext.Current.CancellationToken))!.Length);
    }

    private static async Task<(RealTokens Real, HttpClient Control)> SignInAsync(WebGrid grid)
    {
        var username = await grid.RegisterAsync();
        var app = await grid.SignInAppAsync(username);
        var apiToken = await grid.Bearer(app.AccessToken).CreateApiTokenAsync();
        var other = await grid.SignInAppAsync(await grid.RegisterAsync());
        var control = await grid.SignInBrowserAsync(username);
        var real = new RealTokens(
            app.UserId, await grid.SessionCookieAsync(username), app.AccessToken, app.RefreshToken, apiToken.Token,
            await grid.SessionCookieAsync(await grid.RegisterAsync()), other.AccessToken);
        return (real, control);
    }

    /// <summary>Hands the request to the server's pipeline as is: no client library in between to tidy or refuse
    /// the header values (Kestrel's own parsing of such bytes is covered by HeaderLimitTests).</summary>
    private static async Task<(int Status, byte[] Body)> SendAsync(
        TestServer server, (string Method, string Path) endpoint, FuzzCase fuzz, CancellationToken cancel)
    {
        var context = await server.SendAsync(http =>
        {
            var request = http.Request;
            request.Method = endpoint.Method;
            request.Scheme = "https";
            request.Host = new HostString("localhost");
            request.Path = endpoint.Path;
            if (fuzz.Query is { } query)
            {
                request.QueryString = new QueryString(query);
            }

            if (fuzz.Cookies.Length > 0)
            {
                request.Headers.Cookie = fuzz.Cookies;
            }

            if (fuzz.Authorizations.Length > 0)
            {
                request.Headers.Authorization = fuzz.Authorizations;
            }

            if (endpoint.Method == "POST")
            {
                request.Headers["Sec-Fetch-Site"] = "same-origin";
            }
        }, cancel);
        using var body = new MemoryStream();
        await context.Response.Body.CopyToAsync(body, cancel);
        return (context.Response.StatusCode, body.ToArray());
    }

    /// <summary>What the responses were, counted; the first body of each (endpoint, status) is the one all others
    /// of that kind must equal byte for byte.</summary>
    private sealed class Outcome
    {
        private readonly ConcurrentDictionary<(int Endpoint, int Status), byte[]> _bodies = new();
        private readonly ConcurrentDictionary<int, int> _statuses = new();
        private readonly ConcurrentQueue<string> _examples = new();
        private int _successes;
        private int _serverErrors;
        private int _unexpected;
        private int _differentBodies;

        public int Successes => _successes;

        public int ServerErrors => _serverErrors;

        public int Unexpected => _unexpected;

        public int DifferentBodies => _differentBodies;

        public void Record(int endpoint, FuzzCase fuzz, (int Status, byte[] Body) response)
        {
            var (status, body) = response;
            _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            var expected = fuzz.InUrl ? StatusCodes.Status400BadRequest : StatusCodes.Status401Unauthorized;
            Count(status is >= 200 and < 300, ref _successes, endpoint, fuzz, status);
            Count(status >= 500, ref _serverErrors, endpoint, fuzz, status);
            Count(status != expected, ref _unexpected, endpoint, fuzz, status);
            Count(!_bodies.GetOrAdd((endpoint, status), body).AsSpan().SequenceEqual(body), ref _differentBodies, endpoint, fuzz, status);
        }

        public override string ToString() =>
            $"statuses {string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; " +
            $"2xx {_successes}, 5xx {_serverErrors}, unexpected status {_unexpected}, different bodies {_differentBodies}; " +
            $"first offenders: {string.Join(" | ", _examples.Take(5))}";

        private void Count(bool offends, ref int counter, int endpoint, FuzzCase fuzz, int status)
        {
            if (offends && Interlocked.Increment(ref counter) <= 5)
            {
                _examples.Enqueue($"{Endpoints[endpoint].Path} {status} {fuzz.Shape}: {Describe(fuzz)}");
            }
        }

        private static string Describe(FuzzCase fuzz)
        {
            var text = $"cookies [{string.Join(" ‖ ", fuzz.Cookies)}] authorization [{string.Join(" ‖ ", fuzz.Authorizations)}] {fuzz.Query}";
            return text.Length > 600 ? text[..600] + "…" : text;
        }
    }
}
