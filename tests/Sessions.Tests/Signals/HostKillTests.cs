using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Signals;

/// <summary>
/// A revocation acknowledged but not yet delivered survives a kill -9 of the process hosting the silo: the event is
/// in storage (the user's outbox, then the receiver's queue), and after the restart the recovery pass pushes it with
/// the same <c>jti</c>. The web front end with its embedded silo runs as a real process, as an operator runs it.
/// </summary>
public sealed class HostKillTests
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task AnEventUndeliveredWhenTheHostIsKilledArrivesAfterTheRestartWithTheSameJti()
    {
        var httpPort = FreePorts.Next();
        var receiverPort = FreePorts.Next();
        var settings = new TestSettings().WithClusterPorts().With(SignalGrid.Settings(SignalReceiver.EndpointAt(receiverPort)));
        settings["Logging:LogLevel:Default"] = "Warning";
        var address = new Uri($"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}");
        await using var receiver = await SignalReceiver.StartAsync(receiverPort, address, SignalGrid.Issuer, alwaysStatus: 503);
        using var http = new HttpClient { BaseAddress = address };
        var web = Start(settings, httpPort);
        try
        {
            Assert.True(await GridProcesses.AnswersEventuallyAsync(http, "/readyz", StartLimit));
            var app = await http.SignInAppAsync(await http.RegisterAsync());
            using var signOut = new HttpRequestMessage(HttpMethod.Post, "/auth/logout-everywhere");
            signOut.Headers.Authorization = new AuthenticationHeaderValue("Bearer", app.AccessToken);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(signOut, TestContext.Current.CancellationToken)).StatusCode);
            var refused = await receiver.WaitForAsync(app.UserId, sets => sets.Length >= 1);   // acknowledged, not delivered

            web.Kill();
            await web.WaitForExitAsync(TestContext.Current.CancellationToken);
            await receiver.ScriptAsync(alwaysStatus: null);
            web.Dispose();
            web = Start(settings, httpPort);

            var sets = await receiver.WaitForAsync(app.UserId, sets => sets.Any(s => s.Delivered));
            var delivered = Assert.Single(sets, s => s.Delivered);
            Assert.Equal(refused[0].Jti, delivered.Jti);
            Assert.All(sets, set => Assert.Equal(delivered.Jti, set.Jti));
        }
        finally
        {
            web.Kill(entireProcessTree: true);
            web.Dispose();
        }
    }

    private static Process Start(TestSettings settings, int httpPort) => GridProcesses.StartDrained(
        GridProcesses.StartInfo("web", "Sessions.Web.dll", settings, "--urls", $"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}"));
}
