using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Cluster;

/// <summary>
/// Front ends as pure Orleans clients of separate silos: they share one cluster's sessions, and one that cannot
/// reach any silo stays alive, says it is not ready and fails closed until a silo appears.
/// </summary>
[Collection(PostgresGrid.Collection)]
public sealed class FrontEndTopologyTests(PostgresServer server)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoFrontEndsOfOneClusterServeTheSameSessionsAndOneSignOutEndsThemEverywhere()
    {
        var settings = TestSettings.PostgreSQL(await server.CreateDatabaseAsync(), clusterId: $"c{Guid.NewGuid():N}");
        using var firstSilo = await GridHosts.StartSiloAsync(settings);
        using var secondSilo = await GridHosts.StartSiloAsync(settings);
        var frontEnd = new Dictionary<string, string?>(settings) { ["Sessions:Web:Silo"] = "External" };
        await using var east = new WebGrid(frontEnd);
        await using var west = new WebGrid(frontEnd);
        var username = await east.RegisterAsync();
        using var laptop = await east.SignInBrowserAsync(username);
        var phone = await west.SignInAppAsync(username);
        using var phoneOnEast = east.Bearer(phone.AccessToken);
        using var phoneOnWest = west.Bearer(phone.AccessToken);
        Assert.Equal(HttpStatusCode.OK, await phoneOnEast.MeAsync());
        Assert.Equal(HttpStatusCode.OK, await phoneOnWest.MeAsync());

        var signOut = await laptop.PostAsync("/auth/logout-everywhere", null, Cancellation);

        Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await phoneOnWest.MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await phoneOnEast.MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await west.RefreshAsync(phone.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await east.NewClient().GetAsync("/readyz", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task AFrontEndWithoutASiloIsLiveButNotReadyFailsClosedAndRecoversWhenASiloStarts()
    {
        var gatewayPort = FreePorts.Next();
        var httpPort = FreePorts.Next();
        using var web = StartWebProcess(httpPort, gatewayPort);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        try
        {
            Assert.True(await EventuallyAsync(http, "/healthz", HttpStatusCode.OK));
            var token = new TokenCodec(TestSettings.GridKeyRing).Write(TokenKind.AccessToken, Guid.NewGuid(), Guid.NewGuid(), new byte[32]);
            using var me = new HttpRequestMessage(HttpMethod.Get, "/auth/me") { Headers = { { "Authorization", $"Bearer {token}" } } };

            var ready = await http.GetAsync("/readyz", Cancellation);
            var login = await http.PostAsJsonAsync("/auth/login", new { username = "nobody", password = TestUser.Password }, Cancellation);
            var validated = await http.SendAsync(me, Cancellation);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, login.StatusCode);
            Assert.NotNull(login.Headers.RetryAfter);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, validated.StatusCode);
            using var silo = await GridHosts.StartSiloAsync(new Dictionary<string, string?>
            {
                ["Sessions:Cluster:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            Assert.True(await EventuallyAsync(http, "/readyz", HttpStatusCode.OK));
            var register = await http.PostAsJsonAsync("/auth/register", new { username = $"u{Guid.NewGuid():N}", password = TestUser.Password }, Cancellation);
            Assert.Equal(HttpStatusCode.Created, register.StatusCode);
            await silo.StopAsync(Cancellation);
        }
        finally
        {
            web.Kill(entireProcessTree: true);
        }
    }

    private static Process StartWebProcess(int httpPort, int gatewayPort)
    {
        var output = RepositoryPaths.OutputOf("web");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(output, "Sessions.Web.dll"), "--urls", $"http://127.0.0.1:{httpPort}"])
        {
            WorkingDirectory = output,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["Sessions__Web__Silo"] = "External",
                ["Sessions__Cluster__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Sessions__GridKeys__Keys__1"] = TestSettings.GridKey,
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Polls until <paramref name="path"/> answers <paramref name="status"/>, for at most 30 s: the process
    /// starts and the client finds the gateway in real time.</summary>
    private static async Task<bool> EventuallyAsync(HttpClient http, string path, HttpStatusCode status)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                if ((await http.GetAsync(path, Cancellation)).StatusCode == status)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, Cancellation);
        }

        return false;
    }
}
