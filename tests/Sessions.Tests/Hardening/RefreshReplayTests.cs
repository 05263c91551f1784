using System.Net;
using System.Net.Http.Json;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Hardening;

/// <summary>B15 (docs/threat-model.md) over HTTP (RFC 9700 §4.14.2): a refresh token replayed after rotation, outside the grace
/// window, is refused like garbage and ends its whole session — the successor pair too — and nothing else.</summary>
[Collection(SharedWeb.Name)]
public sealed class RefreshReplayTests(WebGridFixture fixture)
{
    private WebGrid Grid => fixture.Grid;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AReplayedRefreshTokenIs401AndEndsItsWholeSessionButNoOther()
    {
        var username = await Grid.RegisterAsync();
        using var laptop = await Grid.SignInBrowserAsync(username);
        var phone = await Grid.SignInAppAsync(username);
        var tablet = await Grid.SignInAppAsync(username);
        var successor = (await (await Grid.RefreshAsync(phone.RefreshToken)).Content.ReadFromJsonAsync<AppTokens>(Cancel))!;
        var garbage = await (await Grid.RefreshAsync("sgr_garbage")).Content.ReadAsStringAsync(Cancel);
        Grid.Clock.Advance(TimeSpan.FromSeconds(31));

        var replay = await Grid.RefreshAsync(phone.RefreshToken);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(garbage, await replay.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Grid.RefreshAsync(successor.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await Grid.Bearer(successor.AccessToken).MeAsync());
        Assert.Equal(HttpStatusCode.OK, await Grid.Bearer(tablet.AccessToken).MeAsync());
        Assert.Equal(HttpStatusCode.OK, await laptop.MeAsync());
        var sessions = await laptop.GetFromJsonAsync<SessionRow[]>("/auth/sessions", Cancel);
        Assert.DoesNotContain(sessions!, s => s.Id == phone.SessionId);
    }
}
