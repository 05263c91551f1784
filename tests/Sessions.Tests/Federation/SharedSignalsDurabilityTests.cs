using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Sessions.Grains.Abstractions.Signals;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>A security event answered 202 is durable: the front end killed (SIGKILL) right after the answer and started
/// again on the same database still holds its effect — a disabled account, none of its credentials accepted.</summary>
public sealed class SharedSignalsDurabilityTests(TransmitterFixture transmitter) : IClassFixture<TransmitterFixture>
{
    [Fact]
    public async Task AnAccountDisabledBy202SurvivesAKillRightAfterTheAnswer()
    {
        var settings = new TestSettings().With(TransmitterTokens.Settings(transmitter.Jwks.JwksUri));
        var username = $"u{Guid.NewGuid():N}";
        LifecycleCredentials user;
        HttpStatusCode answer;
        using (var before = await LifecycleWebProcess.StartAsync(settings))
        {
            user = await LifecycleCredentials.OfPasswordUserAsync(before.NewClient, username);
            var claims = TransmitterTokens.Claims(DateTimeOffset.UtcNow, SecurityEventTypes.AccountDisabled);
            claims["sub_id"] = SharedSignalsFixture.UserId(user.UserId);
            using var content = new StringContent(await Jws.SignAsync(TransmitterTokens.Header(transmitter.Key), claims, transmitter.Key.Private));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/secevent+jwt");
            using var push = before.NewClient();
            answer = (await push.PostAsync("/ssf/events", content, TestContext.Current.CancellationToken)).StatusCode;
            await before.KillAsync();
        }

        using var after = await LifecycleWebProcess.StartAsync(new TestSettings(settings.DataDirectory).With(settings.Values));
        using var client = after.NewClient();
        var signIn = await client.PostAsJsonAsync("/auth/login", new { username, password = TestUser.Password }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, answer);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], await user.NextRequestsAsync(after.NewClient));
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
    }
}
