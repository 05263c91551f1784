using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Grains.Abuse;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Abuse;

/// <summary>
/// The bound on password hashing (docs/threat-model.md, H6): with one hashing thread and a queue of one, a check in
/// progress and one waiting, the next sign-in, registration or password change is answered 503 with Retry-After at
/// once and changes nothing, for known and unknown usernames alike; and while every hashing thread is busy,
/// validation and the health probes still answer, because hashing never runs on the thread pool. (Sign-ins of one
/// username wait for each other in its username grain, so each test's queued check is another username's.)
/// </summary>
public sealed class PasswordHashingBoundTests
{
    private static readonly Dictionary<string, string?> OneThreadOneWaiting = new()
    {
        ["Sessions:Abuse:MaxConcurrentPasswordHashes"] = "1",
        ["Sessions:Abuse:PasswordHashQueueLength"] = "1",
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithAHashRunningAndASignInWaitingTheNextSignInIs503WithRetryAfterAndOpensNoSession()
    {
        await using var grid = new WebGrid(OneThreadOneWaiting);
        var waitingUser = await grid.RegisterAsync();
        var refusedUser = await grid.RegisterAsync();
        using var waiting = grid.NewDevice();
        using var refused = grid.NewDevice();
        using var hold = await HeldHashing.TakeAsync(Gate(grid), threads: 1);

        var queued = waiting.PostAsJsonAsync("/auth/login", new { username = waitingUser, password = TestUser.Password }, Cancel);
        await hold.UntilWaitingAsync(1);
        var busy = await refused.PostAsJsonAsync("/auth/login", new { username = refusedUser, password = TestUser.Password }, Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.True(busy.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
        Assert.Contains("busy checking passwords", await busy.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.False(busy.Headers.Contains("Set-Cookie"));
        Assert.False(queued.IsCompleted);
        Assert.False(await hold.ReleaseAsync());
        Assert.Equal(HttpStatusCode.OK, (await queued).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await refused.MeAsync());
        Assert.Equal(HttpStatusCode.OK, (await refused.PostAsJsonAsync("/auth/login", new { username = refusedUser, password = TestUser.Password }, Cancel)).StatusCode);
        Assert.Single((await refused.GetFromJsonAsync<SessionRow[]>("/auth/sessions", Cancel))!);
    }

    [Fact]
    public async Task WhileEveryHashingThreadIsBusyValidationAndTheHealthProbesAnswer()
    {
        await using var grid = new WebGrid(OneThreadOneWaiting);
        var username = await grid.RegisterAsync();
        var app = await grid.SignInAppAsync(username);
        using var validating = grid.Bearer(app.AccessToken);
        using var signingIn = grid.NewClient();
        using var probe = grid.NewClient();
        using var hold = await HeldHashing.TakeAsync(Gate(grid), threads: 1);

        var queued = signingIn.PostAsJsonAsync("/auth/login", new { username, password = TestUser.Password }, Cancel);
        await hold.UntilWaitingAsync(1);

        Assert.Equal(HttpStatusCode.OK, await validating.MeAsync());
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/healthz", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/readyz", Cancel)).StatusCode);
        Assert.False(queued.IsCompleted);
        Assert.False(await hold.ReleaseAsync(), "the hashing thread belongs to the thread pool");
        Assert.Equal(HttpStatusCode.OK, (await queued).StatusCode);
    }

    [Fact]
    public async Task AKnownAndAnUnknownUsernameAreBusyWithTheSameStatusAndBody()
    {
        await using var grid = new WebGrid(OneThreadOneWaiting);
        var username = await grid.RegisterAsync();
        using var client = grid.NewClient();
        using var hold = await HeldHashing.TakeAsync(Gate(grid), threads: 1);
        var queued = client.PostAsJsonAsync("/auth/login", new { username = $"u{Guid.NewGuid():N}", password = "not the password" }, Cancel);
        await hold.UntilWaitingAsync(1);

        var known = await client.PostAsJsonAsync("/auth/login", new { username, password = "not the password" }, Cancel);
        var unknown = await client.PostAsJsonAsync("/auth/login", new { username = $"u{Guid.NewGuid():N}", password = "not the password" }, Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(known.Headers.RetryAfter, unknown.Headers.RetryAfter);
        Assert.Equal(await known.Content.ReadAsStringAsync(Cancel), await unknown.Content.ReadAsStringAsync(Cancel));
        await hold.ReleaseAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await queued).StatusCode);
    }

    [Fact]
    public async Task ABusyRegistrationClaimsNothingAndItsRetryRegisters()
    {
        await using var grid = new WebGrid(OneThreadOneWaiting);
        using var client = grid.NewClient();
        var username = $"u{Guid.NewGuid():N}";
        using var hold = await HeldHashing.TakeAsync(Gate(grid), threads: 1);
        var queued = client.PostAsJsonAsync("/auth/register", new { username = $"u{Guid.NewGuid():N}", password = TestUser.Password }, Cancel);
        await hold.UntilWaitingAsync(1);

        var busy = await client.PostAsJsonAsync("/auth/register", new { username, password = TestUser.Password }, Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.True(busy.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        await hold.ReleaseAsync();
        Assert.Equal(HttpStatusCode.Created, (await queued).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/auth/register", new { username, password = TestUser.Password }, Cancel)).StatusCode);
    }

    [Fact]
    public async Task ABusyPasswordChangeChangesNothingAndSignsNobodyOut()
    {
        await using var grid = new WebGrid(OneThreadOneWaiting);
        var username = await grid.RegisterAsync();
        using var laptop = await grid.SignInBrowserAsync(username);
        var phone = await grid.SignInAppAsync(username);
        using var phoneClient = grid.Bearer(phone.AccessToken);
        using var other = grid.NewClient();
        using var hold = await HeldHashing.TakeAsync(Gate(grid), threads: 1);
        var queued = other.PostAsJsonAsync("/auth/login", new { username = $"u{Guid.NewGuid():N}", password = TestUser.Password }, Cancel);
        await hold.UntilWaitingAsync(1);

        var busy = await laptop.PostAsJsonAsync("/auth/password", new { currentPassword = TestUser.Password, newPassword = "a brand new passphrase" }, Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.NotNull(busy.Headers.RetryAfter);
        await hold.ReleaseAsync();
        await queued;
        Assert.Equal(HttpStatusCode.OK, await phoneClient.MeAsync());
        using var withTheOldPassword = await grid.SignInBrowserAsync(username);
    }

    private static PasswordHashGate Gate(WebGrid grid) => grid.Services.GetRequiredService<PasswordHashGate>();
}
