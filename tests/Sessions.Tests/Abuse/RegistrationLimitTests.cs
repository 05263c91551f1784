using System.Net;
using Sessions.Tests.Infrastructure;
using static Sessions.Tests.Abuse.NetworkClients;

namespace Sessions.Tests.Abuse;

/// <summary>
/// The per-address registration limit: every attempt counts, whatever it answers — created, taken, refused — so a
/// network learns whether usernames are taken no faster than the limit, and after it a taken name is a 429 like any
/// other, never a 409.
/// </summary>
public sealed class RegistrationLimitTests
{
    [Fact]
    public async Task CreatedTakenAndRefusedRegistrationsAllCountSoATakenNameIsNotRevealedPastTheLimit()
    {
        await using var grid = WebGrid.StartOnKestrel(Limits(registrationsPerHour: 3));
        using var client = From(grid, "127.0.10.1");
        using var neighbour = From(grid, "127.0.10.77");
        using var elsewhere = From(grid, "127.0.11.1");
        var taken = $"u{Guid.NewGuid():N}";

        var created = await RegisterAsync(client, taken);
        var conflict = await RegisterAsync(client, taken);
        var badPassword = await RegisterAsync(client, $"u{Guid.NewGuid():N}", password: "short");
        var probe = await RegisterAsync(neighbour, taken);
        var fresh = await RegisterAsync(neighbour, $"u{Guid.NewGuid():N}");
        var otherNetwork = await RegisterAsync(elsewhere, taken);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPassword.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, probe.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(20), probe.Headers.RetryAfter?.Delta);
        Assert.Contains("registrations from your network", await probe.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, otherNetwork.StatusCode);
    }

    [Fact]
    public async Task ARefusedRegistrationCreatesNothingAndTheNetworkMayRegisterOnceTheWindowHasRefilled()
    {
        await using var grid = WebGrid.StartOnKestrel(Limits(registrationsPerHour: 1));
        using var client = From(grid, "127.0.12.1");
        var username = $"u{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(client, $"u{Guid.NewGuid():N}")).StatusCode);

        var refused = await RegisterAsync(client, username);
        var signIn = await SignInAsync(client, username);
        grid.Clock.Advance(TimeSpan.FromHours(1));
        var later = await RegisterAsync(client, username);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
    }
}
