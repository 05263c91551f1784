using System.Net;
using System.Net.Http.Json;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Events;

/// <summary>A grid that cannot answer is not a sign-out (docs/threat-model.md, B52): the stream stays open, asks
/// again, and still ends when the credential is revoked once the grid answers.</summary>
public sealed class EventStreamUnavailableGridTests(FaultInjectingWebGridFixture fixture) : IClassFixture<FaultInjectingWebGridFixture>
{
    private WebGrid Grid => fixture.Grid;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AStreamStaysOpenWhileItsGrainCannotAnswerAndEndsWhenTheCredentialIsRevokedAfterwards()
    {
        var username = await Grid.RegisterAsync();
        using var laptop = await Grid.SignInBrowserAsync(username);
        using var phone = Grid.Bearer((await Grid.SignInAppAsync(username)).AccessToken);
        var grain = Grid.UserGrainId((await laptop.GetFromJsonAsync<MeBody>("/auth/me", Cancellation))!.UserId);
        using var checks = new StreamChecks(Grid);
        using var stream = await EventStreamClient.OpenedAsync(laptop);
        Assert.Equal("valid", await checks.NextAsync());
        fixture.Faults.Arm(grain, FaultPoint.BeforeWrite);
        fixture.Faults.Arm(grain, FaultPoint.BeforeRead, times: 1_000);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await phone.PostAsync("/auth/logout-everywhere", null, Cancellation)).StatusCode);

        Grid.Clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal("unavailable", await checks.NextAsync());
        fixture.Faults.Arm(grain, FaultPoint.BeforeRead, times: 0);
        Grid.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("valid", await checks.NextAsync());
        Assert.Equal(HttpStatusCode.OK, (await phone.PostAsync("/auth/logout-everywhere", null, Cancellation)).StatusCode);
        await stream.AssertSignedOutAndClosedAsync("revoked");
    }
}
