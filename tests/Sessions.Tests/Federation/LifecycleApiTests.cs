using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Federation;

/// <summary>
/// Account lifecycle for operators (checklist T7): disable revokes every credential and refuses sign-in and refresh
/// until enable, which brings no old credential back; delete revokes everything and frees the username; a sign-in or
/// refresh racing either never leaves a live credential.
/// </summary>
public sealed class LifecycleApiTests(LifecycleFixture fixture) : IClassFixture<LifecycleFixture>
{
    private static readonly HttpStatusCode[] AllLive = [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK];
    private static readonly HttpStatusCode[] AllRefused = [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized];

    private WebGrid Grid => fixture.Grid;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DisableRevokesEveryCredentialAndRefusesSignInAndRefreshUntilEnabled()
    {
        var username = $"u{Guid.NewGuid():N}";
        var user = await LifecycleCredentials.OfPasswordUserAsync(Grid, username);

        var disabled = await ActAsync(HttpMethod.Post, $"/admin/users/{user.UserId}/disable");

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal(("done", 2, 1), await BodyOfAsync(disabled));
        Assert.Equal(AllRefused, await user.NextRequestsAsync(Grid));
        Assert.Equal(HttpStatusCode.Unauthorized, await user.RefreshAsync(Grid));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(username));
        Assert.Equal(("unchanged", 0, 0), await BodyOfAsync(await ActAsync(HttpMethod.Post, $"/admin/users/{user.UserId}/disable")));
    }

    [Fact]
    public async Task EnableRestoresSignInButNoCredentialTheDisableRevoked()
    {
        var username = $"u{Guid.NewGuid():N}";
        var user = await LifecycleCredentials.OfPasswordUserAsync(Grid, username);
        await ActAsync(HttpMethod.Post, $"/admin/users/{user.UserId}/disable");

        var enabled = await ActAsync(HttpMethod.Post, $"/admin/users/{user.UserId}/enable");

        Assert.Equal(("done", 0, 0), await BodyOfAsync(enabled));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(username));
        Assert.Equal(AllRefused, await user.NextRequestsAsync(Grid));
        Assert.Equal(HttpStatusCode.Unauthorized, await user.RefreshAsync(Grid));
        Assert.Equal(("unchanged", 0, 0), await BodyOfAsync(await ActAsync(HttpMethod.Post, $"/admin/users/{user.UserId}/enable")));
    }

    [Fact]
    public async Task EveryLifecycleActionIsInTheUsersAuditTrailUnderTheOperatorKeysName()
    {
        var user = await LifecycleCredentials.OfPasswordUserAsync(Grid);
        await ActAsync(HttpMethod.Post, $"/admin/users/{user.UserId}/disable");
        await ActAsync(HttpMethod.Post, $"/admin/users/{user.UserId}/enable");

        var view = await (await ActAsync(HttpMethod.Get, $"/admin/users/{user.UserId}/sessions")).Content.ReadFromJsonAsync<JsonElement>(Cancellation);

        var trail = view.GetProperty("auditTrail").EnumerateArray().ToList();
        Assert.Contains(trail, entry => entry.GetProperty("kind").GetString() == "AccountDisabled");
        Assert.Contains(trail, entry => entry.GetProperty("kind").GetString() == "AccountEnabled");
        Assert.True(trail.Count(entry => entry.GetProperty("detail").GetString()?.Contains("operator 'oncall'", StringComparison.Ordinal) == true) >= 2);
    }

    [Fact]
    public async Task DeleteRevokesEverythingAndTheUsernameCanBeRegisteredAgainAsANewUser()
    {
        var username = $"u{Guid.NewGuid():N}";
        var user = await LifecycleCredentials.OfPasswordUserAsync(Grid, username);

        var deleted = await ActAsync(HttpMethod.Delete, $"/admin/users/{user.UserId}");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(AllRefused, await user.NextRequestsAsync(Grid));
        Assert.Equal(HttpStatusCode.Unauthorized, await user.RefreshAsync(Grid));
        Assert.Equal(HttpStatusCode.NotFound, (await ActAsync(HttpMethod.Post, $"/admin/users/{user.UserId}/disable")).StatusCode);
        var again = await LifecycleCredentials.OfPasswordUserAsync(Grid, username);
        Assert.NotEqual(user.UserId, again.UserId);
        Assert.Equal(AllLive, await again.NextRequestsAsync(Grid));
    }

    [Fact]
    public async Task DeletingAFederatedUserReleasesTheLinkSoTheNextSignInOfThatPersonIsANewUser()
    {
        var subject = $"{Guid.NewGuid():N}";
        var user = await LifecycleCredentials.OfFederatedUserAsync(Grid, "corp", "https://idp.test", subject);

        await ActAsync(HttpMethod.Delete, $"/admin/users/{user.UserId}");
        var again = await LifecycleCredentials.OfFederatedUserAsync(Grid, "corp", "https://idp.test", subject);

        Assert.NotEqual(user.UserId, again.UserId);
        Assert.Equal(AllRefused, await user.NextRequestsAsync(Grid));
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("delete")]
    public async Task SignInsAndRefreshesRacingADisableOrDeleteNeverLeaveALiveCredential(string action)
    {
        var username = $"u{Guid.NewGuid():N}";
        var user = await LifecycleCredentials.OfPasswordUserAsync(Grid, username);
        var request = action == "disable" ? (HttpMethod.Post, $"/admin/users/{user.UserId}/disable") : (HttpMethod.Delete, $"/admin/users/{user.UserId}");

        var signIns = Enumerable.Range(0, 12).Select(i => SignInForTokenAsync(username, app: i % 2 == 0)).ToList();
        var refreshes = Enumerable.Range(0, 4).Select(_ => RefreshForTokenAsync(user.RefreshToken)).ToList();
        var acted = await ActAsync(request.Item1, request.Item2);
        var issued = (await Task.WhenAll(signIns.Concat(refreshes))).Where(token => token is not null).ToList();

        Assert.Equal(HttpStatusCode.OK, acted.StatusCode);
        foreach (var token in issued)
        {
            using var client = token!.Value.Cookie ? LifecycleCredentials.WithCookie(Grid, token.Value.Value) : Grid.Bearer(token.Value.Value);
            Assert.Equal(HttpStatusCode.Unauthorized, await client.MeAsync());
        }

        Assert.Equal(AllRefused, await user.NextRequestsAsync(Grid));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-an-operator-key-0123456789")]
    [InlineData("user's own session")]
    public async Task AnyoneButAnOperatorIs401AndChangesNothing(string? credential)
    {
        var user = await LifecycleCredentials.OfPasswordUserAsync(Grid);
        using var client = credential switch
        {
            null => Grid.NewClient(),
            "user's own session" => Grid.Bearer(user.AccessToken),
            _ => Grid.Bearer(credential),
        };

        var disable = await client.PostAsync($"/admin/users/{user.UserId}/disable", null, Cancellation);
        var delete = await client.DeleteAsync($"/admin/users/{user.UserId}", Cancellation);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (disable.StatusCode, delete.StatusCode));
        Assert.Equal(AllLive, await user.NextRequestsAsync(Grid));
    }

    [Fact]
    public async Task AnUnknownUserIs404AndAMalformedIdIs400()
    {
        var unknown = await ActAsync(HttpMethod.Post, $"/admin/users/{Guid.NewGuid():N}/disable");
        var malformed = await ActAsync(HttpMethod.Delete, "/admin/users/not-a-user-id");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.BadRequest), (unknown.StatusCode, malformed.StatusCode));
    }

    private async Task<HttpResponseMessage> ActAsync(HttpMethod method, string path)
    {
        using var operatorClient = Grid.Bearer(LifecycleFixture.OperatorKey);
        return await operatorClient.SendAsync(new HttpRequestMessage(method, path), Cancellation);
    }

    private static async Task<(string, int, int)> BodyOfAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        return (body.GetProperty("outcome").GetString()!, body.GetProperty("revokedSessions").GetInt32(), body.GetProperty("revokedTokens").GetInt32());
    }

    private async Task<HttpStatusCode> SignInAsync(string username)
    {
        using var client = Grid.NewClient();
        return (await client.PostAsJsonAsync("/auth/login", new { username, password = TestUser.Password }, Cancellation)).StatusCode;
    }

    /// <summary>A sign-in's credential (the cookie or the access token), or null when it was refused.</summary>
    private async Task<(bool Cookie, string Value)?> SignInForTokenAsync(string username, bool app)
    {
        using var client = Grid.NewClient();
        var response = await client.PostAsJsonAsync("/auth/login", new { username, password = TestUser.Password, client = app ? "app" : "browser" }, Cancellation);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        return app
            ? (false, (await response.Content.ReadFromJsonAsync<AppTokens>(Cancellation))!.AccessToken)
            : (true, response.Headers.GetValues("Set-Cookie").Single().Split(';')[0].Split('=', 2)[1]);
    }

    /// <summary>A refresh's new access token, or null when it was refused.</summary>
    private async Task<(bool Cookie, string Value)?> RefreshForTokenAsync(string refreshToken)
    {
        var response = await Grid.RefreshAsync(refreshToken);
        return response.StatusCode == HttpStatusCode.OK ? (false, (await response.Content.ReadFromJsonAsync<AppTokens>(Cancellation))!.AccessToken) : null;
    }
}
