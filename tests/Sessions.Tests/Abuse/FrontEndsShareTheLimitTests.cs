using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Grains.Abuse;
using Sessions.Tests.Infrastructure;
using static Sessions.Tests.Abuse.NetworkClients;

namespace Sessions.Tests.Abuse;

/// <summary>
/// The per-address limit lives in the client network's grain, so it is one limit for the whole cluster, not one per
/// front end: two front ends of one cluster (the first with the silo co-hosted, the second an Orleans client of it)
/// count a network's sign-ins together. The client front end does no hashing: that is bounded on the silos.
/// </summary>
public sealed class FrontEndsShareTheLimitTests
{
    [Fact]
    public async Task SignInsFromOneNetworkThroughTwoFrontEndsCountAgainstOneLimit()
    {
        var gateway = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        var silo = Limits(signInsPerMinute: 3);
        silo["Sessions:Cluster:GatewayPort"] = gateway;
        var client = Limits(signInsPerMinute: 3);
        client["Sessions:Web:Silo"] = "External";
        client["Sessions:Cluster:GatewayPort"] = gateway;
        await using var east = WebGrid.StartOnKestrel(silo);
        await using var west = WebGrid.StartOnKestrel(client);
        using var registrar = From(east, "127.0.20.1");
        var username = await registrar.RegisterAsync();

        var statuses = new List<HttpStatusCode>();
        foreach (var (grid, address) in new[] { (east, "127.0.21.1"), (west, "127.0.21.2"), (east, "127.0.21.3"), (west, "127.0.21.4"), (east, "127.0.21.5") })
        {
            using var from = From(grid, address);
            statuses.Add((await SignInAsync(from, username)).StatusCode);
        }

        using var elsewhere = From(west, "127.0.22.1");
        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests],
            statuses);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(elsewhere, username)).StatusCode);
        Assert.Null(west.Services.GetService<PasswordHashGate>()); // hashing runs on the silos, bounded there
    }
}
