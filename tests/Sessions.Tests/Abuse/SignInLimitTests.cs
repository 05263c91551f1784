using System.Net;
using Sessions.Tests.Infrastructure;
using static Sessions.Tests.Abuse.NetworkClients;

namespace Sessions.Tests.Abuse;

/// <summary>
/// The per-address sign-in limit (docs/threat-model.md, B19), over real sockets from chosen client addresses: every
/// attempt of one network (IPv4 /24, IPv6 /64) counts, whatever its outcome; beyond the limit a sign-in is 429 with
/// Retry-After even with the right password and changes nothing, while other networks sign in as usual; the window
/// refills on the grid clock; exempt networks are never limited.
/// </summary>
public sealed class SignInLimitTests
{
    [Fact]
    public async Task BeyondTheLimitASignInFromTheSameNetworkIs429EvenWithTheRightPasswordAndAnotherNetworkSignsIn()
    {
        await using var grid = WebGrid.StartOnKestrel(Limits(signInsPerMinute: 3));
        using var registrar = From(grid, "127.0.9.1");
        var username = await registrar.RegisterAsync();
        var allowed = new List<HttpStatusCode>();
        foreach (var address in new[] { "127.0.3.1", "127.0.3.2", "127.0.3.3" })
        {
            using var client = From(grid, address);
            allowed.Add((await SignInAsync(client, username, password: address == "127.0.3.2" ? "not the password" : TestUser.Password)).StatusCode);
        }

        using var sameNetwork = From(grid, "127.0.3.200");
        using var otherNetwork = From(grid, "127.0.4.1");
        var refused = await SignInAsync(sameNetwork, username);
        var elsewhere = await SignInAsync(otherNetwork, username);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.OK], allowed);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Contains("from your network", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.False(refused.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        Assert.Equal(3, (await SessionsAsync(otherNetwork, elsewhere)).Length);
    }

    [Fact]
    public async Task AfterTheRetryAfterHasPassedOnTheGridClockTheNetworkMaySignInAgain()
    {
        await using var grid = WebGrid.StartOnKestrel(Limits(signInsPerMinute: 3));
        using var client = From(grid, "127.0.5.1");
        var username = await client.RegisterAsync();
        await Repeat.SequentiallyAsync(3, _ => SignInAsync(client, username));

        var refused = await SignInAsync(client, username);
        grid.Clock.Advance(refused.Headers.RetryAfter!.Delta!.Value);
        var later = await SignInAsync(client, username);
        var next = await SignInAsync(client, username);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(20), refused.Headers.RetryAfter.Delta);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, next.StatusCode);
    }

    [Fact]
    public async Task AnExemptNetworkIsNeverLimitedAndTheOthersStillAre()
    {
        var settings = Limits(signInsPerMinute: 1);
        settings["Sessions:Abuse:ExemptNetworks:0"] = "127.0.7.0/24";
        await using var grid = WebGrid.StartOnKestrel(settings);
        using var exempt = From(grid, "127.0.7.9");
        using var limited = From(grid, "127.0.8.9");
        var username = await exempt.RegisterAsync();

        var fromExempt = await Repeat.SequentiallyAsync(5, async _ => (await SignInAsync(exempt, username)).StatusCode);
        var fromLimited = await Repeat.SequentiallyAsync(2, async _ => (await SignInAsync(limited, username)).StatusCode);

        Assert.All(fromExempt, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests], fromLimited);
    }

    [Fact]
    public async Task IPv6AddressesAreCountedPer64AndIPv4MappedOnesAsTheirIPv4Network()
    {
        var settings = Limits(signInsPerMinute: 2);
        settings["Sessions:Web:TrustedProxies:0"] = "127.0.0.2";
        await using var grid = WebGrid.StartOnKestrel(settings);
        using var proxy = From(grid, "127.0.0.2");

        // A new unknown username each time, so no per-account throttle takes part.
        async Task<HttpStatusCode> ForwardedFor(string client) =>
            (await SignInAsync(proxy, $"u{Guid.NewGuid():N}", forwardedFor: client)).StatusCode;

        Assert.Equal(HttpStatusCode.Unauthorized, await ForwardedFor("2001:db8:1:2::5"));
        Assert.Equal(HttpStatusCode.Unauthorized, await ForwardedFor("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await ForwardedFor("2001:db8:1:2::9"));
        Assert.Equal(HttpStatusCode.Unauthorized, await ForwardedFor("2001:db8:1:3::5"));
        Assert.Equal(HttpStatusCode.Unauthorized, await ForwardedFor("::ffff:198.51.100.7"));
        Assert.Equal(HttpStatusCode.Unauthorized, await ForwardedFor("198.51.100.8"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await ForwardedFor("198.51.100.200"));
        Assert.Equal(HttpStatusCode.Unauthorized, await ForwardedFor("198.51.101.1"));
    }
}
