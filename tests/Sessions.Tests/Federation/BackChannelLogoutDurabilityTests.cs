using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>
/// A back-channel logout answered 200 is durable (issue 12, "Durability"; docs/invariants.md, invariant 3;
/// docs/threat-model.md, T52): the front end process (with its co-hosted silo on SQLite) is killed with SIGKILL right
/// after the 200, started again on the same data, and the browser signed in through the provider is still refused,
/// and the token is still a replay.
/// </summary>
public sealed class BackChannelLogoutDurabilityTests
{
    /// <summary>How long the web process may take to start and answer: real time.</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ALogoutAcknowledgedWithOkSurvivesAKillOfTheProcessRightAfter()
    {
        var key = await TestKeyPair.NewAsync("RS256");
        var providerPort = FreePorts.Next();
        var httpPort = FreePorts.Next();
        var issuer = $"http://127.0.0.1:{providerPort.ToString(CultureInfo.InvariantCulture)}";
        var grid = new Uri($"http://localhost:{httpPort.ToString(CultureInfo.InvariantCulture)}");
        var settings = WebSettings(new TestSettings(), issuer);
        var first = StartWeb(settings, httpPort);
        Process? second = null;
        try
        {
            await using var provider = await TestProvider.StartAsync([key], providerPort, grid);
            using var http = new HttpClient { BaseAddress = grid };
            Assert.True(await GridProcesses.AnswersEventuallyAsync(http, "/readyz", StartLimit, HttpStatusCode.OK), "The web process did not become ready.");
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await Chromium.LaunchAsync(playwright);
            var context = await browser.NewContextAsync();
            await Chromium.KeepToLoopbackAsync(context);
            var page = await context.NewPageAsync();
            var me = new Uri(grid, "/auth/me").ToString();
            var login = $"p{Guid.NewGuid():N}"[..16];
            // The login link, straight (a process outside Development serves no page from its build output).
            await page.GotoAsync(new Uri(grid, "/auth/federation/test/login?returnUrl=/auth/me").ToString());
            await ProviderPages.SignInAtProviderAsync(page, login);
            await page.WaitForURLAsync(me);
            Assert.Equal((int)HttpStatusCode.OK, (await page.Context.APIRequest.GetAsync(me)).Status);
            var tokens = new LogoutTokens(provider, key, key);
            var token = await tokens.SignAsync(tokens.Claims(DateTimeOffset.UtcNow, login, sid: null));

            var acknowledged = await PostAsync(http, token);
            first.Kill();

            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
            await first.WaitForExitAsync(Cancellation);
            second = StartWeb(WebSettings(new TestSettings(settings.DataDirectory), issuer), httpPort);
            Assert.True(await GridProcesses.AnswersEventuallyAsync(http, "/readyz", StartLimit, HttpStatusCode.OK), "The web process did not start again.");
            Assert.Equal((int)HttpStatusCode.Unauthorized, (await page.Context.APIRequest.GetAsync(me)).Status);
            Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(http, token)).StatusCode);
        }
        finally
        {
            Stop(first);
            Stop(second);
        }
    }

    private static TestSettings WebSettings(TestSettings settings, string issuer)
    {
        settings.WithClusterPorts().With(TestProvider.SettingsFor(issuer));
        settings["Logging:LogLevel:Default"] = "Warning";
        return settings;
    }

    private static Process StartWeb(TestSettings settings, int httpPort) =>
        GridProcesses.StartDrained(GridProcesses.StartInfo(
            "web", "Sessions.Web.dll", settings, "--urls", $"http://localhost:{httpPort.ToString(CultureInfo.InvariantCulture)}"));

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string token)
    {
        using var form = new FormUrlEncodedContent([KeyValuePair.Create("logout_token", token)]);
        return await http.PostAsync("/auth/federation/test/backchannel-logout", form, Cancellation);
    }

    // By the process object this test started, never by name.
    private static void Stop(Process? process)
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }
}
