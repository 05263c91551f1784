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
    /// <summary>How long the web process may take to answer, and its client to find a gateway: real time.</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

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
            Assert.True(await GridProcesses.AnswersEventuallyAsync(http, "/healthz", StartLimit, HttpStatusCode.OK));
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
            Assert.True(await GridProcesses.AnswersEventuallyAsync(http, "/readyz", StartLimit, HttpStatusCode.OK));
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
        var settings = new TestSettings();
        settings["Sessions:Web:Silo"] = "External";
        settings["Sessions:Cluster:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Logging:LogLevel:Default"] = "Warning";
        return GridProcesses.StartDrained(GridProcesses.StartInfo("web", "Sessions.Web.dll", settings, "--urls", $"http://127.0.0.1:{httpPort}"));
    }
}
