using System.Net;
using System.Net.Http.Json;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Hardening;

/// <summary>
/// Storage faults seen over HTTP (docs/threat-model.md, T19, T25; RFC 7009 §2.2.1): a change that could not be made durable is a
/// 503 with Retry-After that changes nothing a client can see, never a success; an indeterminate one (written, then
/// reported failed) holds and is safe to retry; and a slow write blocks nobody's validation.
/// </summary>
public sealed class StorageFaultApiTests(FaultInjectingWebGridFixture fixture) : IClassFixture<FaultInjectingWebGridFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private WebGrid Grid => fixture.Grid;

    private StorageFaults Faults => fixture.Faults;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignOutEverywhereThatCannotBeWrittenIs503AndEverySessionWorksUntilTheRetrySucceeds()
    {
        var username = await Grid.RegisterAsync();
        using var laptop = await Grid.SignInBrowserAsync(username);
        var phone = await Grid.SignInAppAsync(username);
        using var phoneClient = Grid.Bearer(phone.AccessToken);
        Faults.Arm(Grid.UserGrainId(phone.UserId), FaultPoint.BeforeWrite);

        var failed = await laptop.PostAsync("/auth/logout-everywhere", null, Cancel);
        var phoneAfterFailure = await phoneClient.MeAsync();
        var laptopAfterFailure = await laptop.MeAsync();
        var retry = await laptop.PostAsync("/auth/logout-everywhere", null, Cancel);

        await AssertUnavailableAsync(failed);
        Assert.False(failed.Headers.Contains("Set-Cookie"), "a failed sign-out must not clear the cookie");
        Assert.False(failed.Headers.Contains("Clear-Site-Data"));
        Assert.Equal(HttpStatusCode.OK, phoneAfterFailure);
        Assert.Equal(HttpStatusCode.OK, laptopAfterFailure);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(2, (await retry.Content.ReadFromJsonAsync<SignOutEverywhere>(Cancel))!.RevokedSessions);
        Assert.Equal(HttpStatusCode.Unauthorized, await phoneClient.MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await laptop.MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Grid.RefreshAsync(phone.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task AnIndeterminateSignOutEverywhereIs503YetTheRevocationHoldsAndTheRetryIs200()
    {
        var username = await Grid.RegisterAsync();
        using var laptop = await Grid.SignInBrowserAsync(username);
        var phone = await Grid.SignInAppAsync(username);
        using var phoneClient = Grid.Bearer(phone.AccessToken);
        Faults.Arm(Grid.UserGrainId(phone.UserId), FaultPoint.AfterWrite);

        var failed = await laptop.PostAsJsonAsync("/auth/logout-everywhere", new { keepCurrent = true }, Cancel);
        var phoneAfterFailure = await phoneClient.MeAsync();
        var retry = await laptop.PostAsJsonAsync("/auth/logout-everywhere", new { keepCurrent = true }, Cancel);

        await AssertUnavailableAsync(failed);
        Assert.Equal(HttpStatusCode.Unauthorized, phoneAfterFailure);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(0, (await retry.Content.ReadFromJsonAsync<SignOutEverywhere>(Cancel))!.RevokedSessions);
        Assert.Equal(HttpStatusCode.OK, await laptop.MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await phoneClient.MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Grid.RefreshAsync(phone.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task ARefreshThatCannotBeWrittenIs503AndTheOldTokensStillWork()
    {
        var username = await Grid.RegisterAsync();
        var app = await Grid.SignInAppAsync(username);
        Faults.Arm(Grid.UserGrainId(app.UserId), FaultPoint.BeforeWrite);

        var failed = await Grid.RefreshAsync(app.RefreshToken);
        var accessAfterFailure = await Grid.Bearer(app.AccessToken).MeAsync();
        var retry = await Grid.RefreshAsync(app.RefreshToken);

        await AssertUnavailableAsync(failed);
        Assert.Equal(HttpStatusCode.OK, accessAfterFailure);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var next = (await retry.Content.ReadFromJsonAsync<AppTokens>(Cancel))!;
        Assert.Equal(HttpStatusCode.OK, await Grid.Bearer(next.AccessToken).MeAsync());
    }

    [Fact]
    public async Task ARefreshWhoseAnswerWasLostIsSafeToRetryAndGetsTheSamePair()
    {
        var username = await Grid.RegisterAsync();
        var app = await Grid.SignInAppAsync(username);
        Faults.Arm(Grid.UserGrainId(app.UserId), FaultPoint.AfterWrite);

        var failed = await Grid.RefreshAsync(app.RefreshToken);
        var retry = await Grid.RefreshAsync(app.RefreshToken);
        var again = await Grid.RefreshAsync(app.RefreshToken);

        await AssertUnavailableAsync(failed);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var (first, second) = ((await retry.Content.ReadFromJsonAsync<AppTokens>(Cancel))!, (await again.Content.ReadFromJsonAsync<AppTokens>(Cancel))!);
        Assert.Equal(first.RefreshToken, second.RefreshToken);
        Assert.Equal(HttpStatusCode.Unauthorized, await Grid.Bearer(app.AccessToken).MeAsync());
        Assert.Equal(HttpStatusCode.OK, await Grid.Bearer(first.AccessToken).MeAsync());
    }

    [Fact]
    public async Task ASlowSignOutEverywhereWriteBlocksNeitherOtherUsersNorTheSameUsersValidations()
    {
        var username = await Grid.RegisterAsync();
        using var bystander = await Grid.SignInBrowserAsync(await Grid.RegisterAsync());
        using var laptop = await Grid.SignInBrowserAsync(username);
        var phone = await Grid.SignInAppAsync(username);
        using var phoneClient = Grid.Bearer(phone.AccessToken);
        var write = Faults.HoldNextWrite(Grid.UserGrainId(phone.UserId));

        var signOut = laptop.PostAsync("/auth/logout-everywhere", null, Cancel);
        HttpStatusCode bystanderDuringWrite, phoneDuringWrite;
        bool writeStillHeld;
        try
        {
            await write.Reached.WaitAsync(Patience, Cancel);
            bystanderDuringWrite = await bystander.MeAsync().WaitAsync(Patience, Cancel);
            phoneDuringWrite = await phoneClient.MeAsync().WaitAsync(Patience, Cancel);
            writeStillHeld = !signOut.IsCompleted;
        }
        finally
        {
            write.Release(fail: false);
        }

        var response = await signOut;

        Assert.True(writeStillHeld, "the validations must have been answered while the write was still held");
        Assert.Equal(HttpStatusCode.OK, bystanderDuringWrite);
        Assert.Equal(HttpStatusCode.Unauthorized, phoneDuringWrite);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await phoneClient.MeAsync());
        Assert.Equal(HttpStatusCode.OK, await bystander.MeAsync());
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("\"status\":503", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
