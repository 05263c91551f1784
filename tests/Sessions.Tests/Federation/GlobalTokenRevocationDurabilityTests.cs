using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>A global token revocation answered 204 is durable: the front end killed (SIGKILL) right after the answer and
/// started again on the same database accepts none of the user's credentials.</summary>
public sealed class GlobalTokenRevocationDurabilityTests
{
    private const string OperatorKey = "durability-operator-key-0123456789";

    [Fact]
    public async Task ARevocationAnswered204SurvivesAKillRightAfterTheAnswer()
    {
        var settings = new TestSettings();
        settings["Sessions:Admin:Keys:oncall"] = OperatorKey;
        LifecycleCredentials user;
        HttpStatusCode answer;
        using (var before = await LifecycleWebProcess.StartAsync(settings))
        {
            user = await LifecycleCredentials.OfPasswordUserAsync(before.NewClient);
            using var caller = before.NewClient();
            caller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);
            answer = (await caller.PostAsJsonAsync(
                "/oauth/global-token-revocation", new { sub_id = new { format = "opaque", id = user.UserId } }, TestContext.Current.CancellationToken)).StatusCode;
            await before.KillAsync();
        }

        using var after = await LifecycleWebProcess.StartAsync(new TestSettings(settings.DataDirectory).With(settings.Values));

        Assert.Equal(HttpStatusCode.NoContent, answer);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], await user.NextRequestsAsync(after.NewClient));
        Assert.Equal(HttpStatusCode.Unauthorized, await user.RefreshAsync(after.NewClient));
    }
}
