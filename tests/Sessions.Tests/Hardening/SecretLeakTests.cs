using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Sessions.Tests.Infrastructure;
using Sessions.Tests.Interop;

namespace Sessions.Tests.Hardening;

/// <summary>
/// T31 (docs/threat-model.md): a whole API scenario — register, browser/app/API-token sign-ins, refresh and refresh reuse, bad
/// input built from real tokens, forward auth, introspection, revocation, storage faults — against a grid that logs
/// everything at Trace (Orleans and ASP.NET included). Afterwards no raw token, no part of one that carries its
/// selector or verifier, no verifier in any encoding, and not the password, appears in any log line, in any response
/// that does not hand out that token, or in the SQLite file.
/// </summary>
public sealed class SecretLeakTests
{
    private static readonly string[] SessionsScope = ["sessions"];

    private static readonly Dictionary<string, string?> TraceEverything = new()
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Trace",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Trace",
        ["Logging:LogLevel:Orleans"] = "Trace",
        ["Logging:LogLevel:Polly"] = "Trace",
        [$"Sessions:ResourceServers:Clients:{OAuthGrid.ClientId}"] = OAuthGrid.ClientSecret,
    };

    [Fact]
    public async Task NoTokenVerifierOrPasswordAppearsInLogsResponsesOrTheDatabase()
    {
        await using var grid = new WebGrid(TraceEverything, injectStorageFaults: true);
        var recorder = new Recorder();
        using var http = grid.CreateDefaultClient(new Uri("https://localhost"), recorder);
        var tokens = new List<string>();

        await RunScenarioAsync(grid, http, tokens);

        var needles = tokens.SelectMany(Fragments).Append(TestUser.Password).Append(OAuthGrid.ClientSecret).Distinct().ToArray();
        var logs = string.Join('\n', grid.Logs.Lines);
        var responses = recorder.Transcript;
        var database = await DatabaseBytesAsync(grid);
        var leaks = needles.Where(n => logs.Contains(n, StringComparison.Ordinal)).Select(n => $"log: {Shorten(n)}")
            .Concat(needles.Where(n => responses.Contains(n, StringComparison.Ordinal)).Select(n => $"response: {Shorten(n)}"))
            .Concat(tokens.SelectMany(DatabaseNeedles).Concat(TextNeedles(TestUser.Password)).Where(n => database.AsSpan().IndexOf(n) >= 0)
                .Select(n => $"database: {Convert.ToHexString(n)[..16]}…"))
            .ToList();
        Assert.True(tokens.Count >= 12, $"only {tokens.Count} tokens issued");
        Assert.True(grid.Logs.Lines.Count > 1000, $"only {grid.Logs.Lines.Count} log lines: is Trace logging on?");
        Assert.Contains(grid.Logs.Lines, l => l.Contains("Orleans", StringComparison.Ordinal) && l.StartsWith("Trace", StringComparison.Ordinal));
        Assert.True(leaks.Count == 0, $"{leaks.Count} leaks in {grid.Logs.Lines.Count} log lines, {recorder.Count} responses, " +
            $"{database.Length} database bytes: {string.Join("; ", leaks.Take(10))}\n{FirstLogLineWith(grid, needles)}");
    }

    /// <summary>
    /// A token a client puts in a URL is refused (400) and not logged at the shipped log levels (appsettings.json:
    /// Microsoft.AspNetCore at Warning). At Information, ASP.NET's own request log writes every URL before any
    /// middleware runs, so a client that sends a token in a URL has leaked it to that log (as to every proxy's
    /// access log on the way): that is why the URL is refused, and why the Trace scenario above keeps tokens out of URLs.
    /// </summary>
    [Fact]
    public async Task ATokenInTheUrlIsRefusedAndNotLoggedAtTheShippedLogLevels()
    {
        await using var grid = new WebGrid(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" });
        var app = await grid.SignInAppAsync(await grid.RegisterAsync());
        using var client = grid.NewClient();

        var responses = new[]
        {
            await client.GetAsync("/auth/me?access_token=" + app.AccessToken, TestContext.Current.CancellationToken),
            await client.GetAsync("/auth/check?x=" + app.AccessToken, TestContext.Current.CancellationToken),
            await client.PostAsync("/auth/refresh?refresh_token=" + app.RefreshToken, null, TestContext.Current.CancellationToken),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Contains(grid.Logs.Lines, l => l.StartsWith("Information", StringComparison.Ordinal));
        Assert.DoesNotContain(grid.Logs.Lines, l => l.Contains(app.AccessToken[4..64], StringComparison.Ordinal) || l.Contains(app.RefreshToken[4..64], StringComparison.Ordinal));
    }

    private static async Task RunScenarioAsync(WebGrid grid, HttpClient http, List<string> tokens)
    {
        var username = $"u{Guid.NewGuid():N}";
        await SendAsync(http, HttpMethod.Post, "/auth/register", json: new { username, password = TestUser.Password }, expect: HttpStatusCode.Created);
        await SendAsync(http, HttpMethod.Post, "/auth/register", json: new { username, password = TestUser.Password }, expect: HttpStatusCode.Conflict);
        await SendAsync(http, HttpMethod.Post, "/auth/login", json: new { username, password = "wrong " + TestUser.Password }, expect: HttpStatusCode.Unauthorized);

        var cookie = (await SendAsync(http, HttpMethod.Post, "/auth/login", json: new { username, password = TestUser.Password })).Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        tokens.Add(cookie.Split('=', 2)[1]);
        var phone = await AppSignInAsync(http, username, tokens);
        var apiToken = (await (await SendAsync(http, HttpMethod.Post, "/auth/tokens", phone.AccessToken, json: new { name = "agent", scopes = SessionsScope }, expect: HttpStatusCode.Created))
            .Content.ReadFromJsonAsync<CreatedToken>())!.Token;
        tokens.Add(apiToken);

        foreach (var credential in new[] { phone.AccessToken, apiToken })
        {
            await SendAsync(http, HttpMethod.Get, "/auth/me", credential);
            await SendAsync(http, HttpMethod.Get, "/auth/sessions", credential);
            await SendAsync(http, HttpMethod.Get, "/auth/tokens", credential);
            await SendAsync(http, HttpMethod.Get, "/auth/check", credential);
        }

        await SendAsync(http, HttpMethod.Get, "/auth/me", cookie: cookie);
        await SendAsync(http, HttpMethod.Get, "/auth/check", cookie: cookie);

        var refreshed = await RefreshAsync(http, phone.RefreshToken, tokens);
        grid.Clock.Advance(TimeSpan.FromSeconds(31));
        await SendAsync(http, HttpMethod.Post, "/auth/refresh", json: new { refreshToken = phone.RefreshToken }, expect: HttpStatusCode.Unauthorized);
        await SendAsync(http, HttpMethod.Get, "/auth/me", refreshed.AccessToken, expect: HttpStatusCode.Unauthorized);

        var tablet = await AppSignInAsync(http, username, tokens);
        await SendBadInputAsync(http, tablet, cookie);
        await SendOAuthAsync(http, tablet, apiToken, cookie);
        await SendWithStorageFaultsAsync(grid, http, username, tokens);
        await SendAsync(http, HttpMethod.Post, "/auth/logout-everywhere", cookie: cookie);
        await SendAsync(http, HttpMethod.Get, "/auth/me", cookie: cookie, expect: HttpStatusCode.Unauthorized);
    }

    /// <summary>Malformed and misplaced variants of real tokens: every one must be refused without being echoed.</summary>
    private static async Task SendBadInputAsync(HttpClient http, AppTokens app, string cookie)
    {
        var access = app.AccessToken;
        foreach (var bad in new[] { access + "x", access[..^1], access.ToUpperInvariant(), "sgb_" + access[4..], access.Insert(60, "%00"), app.RefreshToken })
        {
            await SendAsync(http, HttpMethod.Get, "/auth/me", bad, expect: HttpStatusCode.Unauthorized);
            await SendAsync(http, HttpMethod.Get, "/auth/check", bad, expect: HttpStatusCode.Unauthorized);
            await SendAsync(http, HttpMethod.Get, "/auth/me", cookie: "__Host-sid=" + bad, expect: HttpStatusCode.Unauthorized);
        }

        await SendAsync(http, HttpMethod.Get, "/auth/me", access, cookie: cookie, expect: HttpStatusCode.Unauthorized);
        await SendAsync(http, HttpMethod.Get, "/auth/me", cookie: $"{cookie}; {cookie}", expect: HttpStatusCode.Unauthorized);
        await SendAsync(http, HttpMethod.Post, "/auth/refresh", json: new { refreshToken = access }, expect: HttpStatusCode.Unauthorized);
        await SendAsync(http, HttpMethod.Post, "/auth/refresh", json: new { refreshToken = app.RefreshToken, extra = access }, expect: HttpStatusCode.BadRequest);
        await SendAsync(http, HttpMethod.Post, "/auth/refresh", raw: $$"""{"refreshToken":"{{app.RefreshToken}}""", expect: HttpStatusCode.BadRequest);
        await SendAsync(http, HttpMethod.Post, "/auth/refresh", raw: $$"""{"refreshToken":{{app.RefreshToken}}}""", expect: HttpStatusCode.BadRequest);
        await SendAsync(http, HttpMethod.Post, "/auth/login", json: new { username = access, password = access }, expect: HttpStatusCode.Unauthorized);
        await SendAsync(http, HttpMethod.Post, "/auth/logout-everywhere", access, raw: $$"""{"keepCurrent":"{{access}}"}""", expect: HttpStatusCode.BadRequest);
        await SendAsync(http, HttpMethod.Post, "/auth/tokens", access, json: new { name = access + "\u0001" }, expect: HttpStatusCode.BadRequest);
    }

    private static async Task SendOAuthAsync(HttpClient http, AppTokens app, string apiToken, string cookie)
    {
        foreach (var token in new[] { app.AccessToken, app.RefreshToken, apiToken, cookie.Split('=', 2)[1], app.AccessToken + "x" })
        {
            await FormAsync(http, "/oauth/introspect", OAuthGrid.ResourceServer, token);
            await FormAsync(http, "/oauth/introspect", OAuthGrid.Basic(OAuthGrid.ClientId, token), token, HttpStatusCode.Unauthorized);
        }

        await FormAsync(http, "/oauth/introspect", OAuthGrid.ResourceServer, app.AccessToken, HttpStatusCode.BadRequest, repeat: true);
        await FormAsync(http, "/oauth/revoke", null, apiToken);
        await FormAsync(http, "/oauth/revoke", OAuthGrid.ResourceServer, app.RefreshToken);
        await FormAsync(http, "/oauth/revoke", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("x:" + app.AccessToken)), app.AccessToken, HttpStatusCode.Unauthorized);
        await SendAsync(http, HttpMethod.Get, "/auth/me", app.AccessToken, expect: HttpStatusCode.Unauthorized);
    }

    private static async Task SendWithStorageFaultsAsync(WebGrid grid, HttpClient http, string username, List<string> tokens)
    {
        var laptop = await AppSignInAsync(http, username, tokens);
        var grain = grid.UserGrainId(laptop.UserId);
        grid.Faults!.Arm(grain, FaultPoint.BeforeWrite);
        await SendAsync(http, HttpMethod.Post, "/auth/logout-everywhere", laptop.AccessToken, expect: HttpStatusCode.ServiceUnavailable);
        grid.Faults.Arm(grain, FaultPoint.AfterWrite);
        await SendAsync(http, HttpMethod.Post, "/auth/refresh", json: new { refreshToken = laptop.RefreshToken }, expect: HttpStatusCode.ServiceUnavailable);
        await RefreshAsync(http, laptop.RefreshToken, tokens);
        grid.Faults.Arm(grain, FaultPoint.BeforeWrite);
        await SendAsync(http, HttpMethod.Post, "/auth/tokens", tokens[^2], json: new { name = "never" }, expect: HttpStatusCode.ServiceUnavailable);
    }

    private static async Task<AppTokens> AppSignInAsync(HttpClient http, string username, List<string> tokens)
    {
        var app = (await (await SendAsync(http, HttpMethod.Post, "/auth/login", json: new { username, password = TestUser.Password, client = "app" }))
            .Content.ReadFromJsonAsync<AppTokens>())!;
        tokens.Add(app.AccessToken);
        tokens.Add(app.RefreshToken);
        return app;
    }

    private static async Task<AppTokens> RefreshAsync(HttpClient http, string refreshToken, List<string> tokens)
    {
        var next = (await (await SendAsync(http, HttpMethod.Post, "/auth/refresh", json: new { refreshToken })).Content.ReadFromJsonAsync<AppTokens>())!;
        tokens.Add(next.AccessToken);
        tokens.Add(next.RefreshToken);
        return next;
    }

    private static async Task FormAsync(
        HttpClient http, string path, string? authorization, string token, HttpStatusCode expect = HttpStatusCode.OK, bool repeat = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(repeat ? [new("token", token), new("token", token)] : [new("token", token)]),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(expect, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, HttpMethod method, string path, string? bearer = null, string? cookie = null, object? json = null, string? raw = null,
        HttpStatusCode expect = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = json is not null ? JsonContent.Create(json) : raw is not null ? new StringContent(raw, Encoding.UTF8, "application/json") : null,
        };
        if (bearer is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bearer);
        }

        if (cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
        }

        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expect, $"{method} {path}: {response.StatusCode}, expected {expect}");
        return response;
    }

    /// <summary>What of a token must never be seen: the token, the 60 characters after its prefix (they carry the
    /// selector and the start of the verifier), the characters that carry only verifier bits, and the verifier in
    /// hex and base64.</summary>
    private static IEnumerable<string> Fragments(string token)
    {
        var verifier = Verifier(token);
        return
        [
            token,
            token[4..64],
            token.Substring(4 + 46, 40),
            Convert.ToHexString(verifier),
            Convert.ToHexStringLower(verifier),
            Convert.ToBase64String(verifier),
            Base64Url.EncodeToString(verifier),
        ];
    }

    private static byte[] Verifier(string token) => Base64Url.DecodeFromChars(token.AsSpan(4))[34..66];

    private static IEnumerable<byte[]> DatabaseNeedles(string token) =>
        TextNeedles(token).Concat(TextNeedles(token[4..64])).Append(Verifier(token)).Concat(TextNeedles(Convert.ToHexStringLower(Verifier(token))));

    private static IEnumerable<byte[]> TextNeedles(string text) => [Encoding.UTF8.GetBytes(text), Encoding.Unicode.GetBytes(text)];

    private static async Task<byte[]> DatabaseBytesAsync(WebGrid grid)
    {
        using var all = new MemoryStream();
        foreach (var file in Directory.EnumerateFiles(grid.DataDirectory, "sessions.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            await stream.CopyToAsync(all);
        }

        Assert.True(all.Length > 0, "no SQLite file found");
        return all.ToArray();
    }

    private static string Shorten(string needle) => needle.Length > 12 ? needle[..12] + "…" : needle;

    private static string FirstLogLineWith(WebGrid grid, string[] needles) =>
        grid.Logs.Lines.FirstOrDefault(l => needles.Any(n => l.Contains(n, StringComparison.Ordinal))) is { } line
            ? "first leaking line: " + (line.Length > 600 ? line[..600] : line)
            : string.Empty;

    /// <summary>Keeps every response (status, headers, body) except the ones that hand out tokens by design: sign-in,
    /// refresh and API-token creation succeeding.</summary>
    private sealed class Recorder : DelegatingHandler
    {
        private readonly ConcurrentQueue<string> _responses = new();

        public string Transcript => string.Join('\n', _responses);

        public int Count => _responses.Count;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var path = request.RequestUri!.AbsolutePath;
            var issuesTokens = response.IsSuccessStatusCode && path is "/auth/login" or "/auth/refresh" or "/auth/tokens" && request.Method == HttpMethod.Post;
            if (!issuesTokens)
            {
                _responses.Enqueue($"{(int)response.StatusCode} {response.Headers} {response.Content.Headers} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            return response;
        }
    }
}
