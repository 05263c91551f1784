using System.Net;
using System.Net.Http.Json;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Web;

/// <summary>Sign-out-everywhere over HTTP, across the three kinds of client (docs/threat-model.md, T1, T3–T6).</summary>
[Collection(SharedWeb.Name)]
public sealed class SignOutEverywhereApiTests(WebGridFixture fixture)
{
    private WebGrid Grid => fixture.Grid;

    [Fact]
    public async Task AfterOneSignOutEverywhereEveryOtherClientsNextRequestIs401AndNothingRefreshes()
    {
        var username = await Grid.RegisterAsync();
        var bystander = await Grid.RegisterAsync();
        using var laptop = await Grid.SignInBrowserAsync(username, "laptop");
        using var tablet = await Grid.SignInBrowserAsync(username, "tablet");
        var phone = await Grid.SignInAppAsync(username, "phone");
        using var phoneClient = Grid.Bearer(phone.AccessToken);
        using var agent = Grid.Bearer((await laptop.CreateApiTokenAsync("nightly agent")).Token);
        using var otherUser = await Grid.SignInBrowserAsync(bystander);
        Assert.All(await Task.WhenAll(tablet.MeAsync(), phoneClient.MeAsync(), agent.MeAsync(), otherUser.MeAsync()),
            status => Assert.Equal(HttpStatusCode.OK, status));

        var response = await laptop.PostAsync("/auth/logout-everywhere", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<SignOutEverywhere>();
        Assert.Equal((3, 1), (result!.RevokedSessions, result.RevokedTokens));
        Assert.Equal(HttpStatusCode.Unauthorized, await laptop.MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await tablet.MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await phoneClient.MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await agent.MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Grid.RefreshAsync(phone.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await otherUser.MeAsync());
    }

    [Fact]
    public async Task KeepCurrentLeavesOnlyTheCallingClientSignedIn()
    {
        var username = await Grid.RegisterAsync();
        using var current = await Grid.SignInBrowserAsync(username);
        using var other = await Grid.SignInBrowserAsync(username);
        var app = await Grid.SignInAppAsync(username);

        var response = await current.PostAsJsonAsync("/auth/logout-everywhere", new { keepCurrent = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Clear-Site-Data"));
        Assert.Equal(HttpStatusCode.OK, await current.MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await other.MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Grid.RefreshAsync(app.RefreshToken)).StatusCode);
        var sessions = await current.GetFromJsonAsync<SessionRow[]>("/auth/sessions");
        Assert.True(Assert.Single(sessions!).Current);
    }

    [Fact]
    public async Task RevokingOneSessionEndsOnlyThatOneAndTheCurrentOneCannotBeRevokedThatWay()
    {
        var username = await Grid.RegisterAsync();
        using var current = await Grid.SignInBrowserAsync(username, "current");
        using var victim = await Grid.SignInBrowserAsync(username, "victim");
        using var survivor = await Grid.SignInBrowserAsync(username, "survivor");
        var sessions = await current.GetFromJsonAsync<SessionRow[]>("/auth/sessions");
        var victimId = sessions!.Single(s => s.Device == "victim").Id;
        var currentId = sessions!.Single(s => s.Current).Id;

        var revoked = await current.DeleteAsync($"/auth/sessions/{victimId}");
        var revokedAgain = await current.DeleteAsync($"/auth/sessions/{victimId}");
        var self = await current.DeleteAsync($"/auth/sessions/{currentId}");

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revokedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Equal("application/problem+json", self.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, await victim.MeAsync());
        Assert.Equal(HttpStatusCode.OK, await survivor.MeAsync());
        Assert.Equal(HttpStatusCode.OK, await current.MeAsync());
    }

    [Fact]
    public async Task SigningOutEverywhereTwiceIsHarmless()
    {
        var username = await Grid.RegisterAsync();
        var app = await Grid.SignInAppAsync(username);
        using var phone = Grid.Bearer(app.AccessToken);
        using var second = Grid.Bearer((await Grid.SignInAppAsync(username)).AccessToken);
        await second.PostAsJsonAsync("/auth/logout-everywhere", new { keepCurrent = true });

        var again = await second.PostAsJsonAsync("/auth/logout-everywhere", new { keepCurrent = true });

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var result = await again.Content.ReadFromJsonAsync<SignOutEverywhere>();
        Assert.Equal((0, 0), (result!.RevokedSessions, result.RevokedTokens));
        Assert.Equal(HttpStatusCode.Unauthorized, await phone.MeAsync());
    }

    [Fact]
    public async Task NoTokenFromRefreshesRacingSignOutEverywhereWorksAfterIt()
    {
        var username = await Grid.RegisterAsync();
        var apps = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Grid.SignInAppAsync(username)));
        using var signedIn = await Grid.SignInBrowserAsync(username);
        using var stop = new CancellationTokenSource();
        var issued = new System.Collections.Concurrent.ConcurrentBag<string>();

        var refreshers = apps.Select(app => Task.Run(async () =>
        {
            var refreshToken = app.RefreshToken;
            while (!stop.IsCancellationRequested)
            {
                var response = await Grid.RefreshAsync(refreshToken);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return;
                }

                var next = (await response.Content.ReadFromJsonAsync<AppTokens>())!;
                issued.Add(next.AccessToken);
                refreshToken = next.RefreshToken;
            }
        })).ToArray();
        var signOut = await signedIn.PostAsync("/auth/logout-everywhere", null);
        await stop.CancelAsync();
        await Task.WhenAll(refreshers);

        Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
        foreach (var accessToken in issued)
        {
            using var client = Grid.Bearer(accessToken);
            Assert.Equal(HttpStatusCode.Unauthorized, await client.MeAsync());
        }

        foreach (var app in apps)
        {
            using var client = Grid.Bearer(app.AccessToken);
            Assert.Equal(HttpStatusCode.Unauthorized, await client.MeAsync());
        }
    }
}
