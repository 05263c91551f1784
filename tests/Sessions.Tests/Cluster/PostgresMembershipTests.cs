using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Cluster;

/// <summary>
/// PostgreSQL membership with real silos on real sockets: silos find each other through the table, a client finds
/// their gateways there (with the storage connection string as the only one given), and a silo that leaves is
/// marked dead and stops being offered as a gateway.
/// </summary>
[Collection(PostgresGrid.Collection)]
public sealed class PostgresMembershipTests(PostgresServer server)
{
    private const int Active = 3;
    private const int Dead = 6;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SilosAndClientsMeetThroughTheMembershipTable()
    {
        var database = await server.CreateDatabaseAsync();
        var clusterId = $"c{Guid.NewGuid():N}";
        var settings = TestSettings.PostgreSQL(database, clusterId);
        using var first = await GridHosts.StartSiloAsync(settings);
        using var second = await GridHosts.StartSiloAsync(settings);
        using var client = await GridHosts.StartClientAsync(settings);
        var grains = client.Services.GetRequiredService<IClusterClient>();

        var user = await TestUser.RegisterAsync(grains);
        var session = await user.SignInBrowserAsync();
        Assert.Equal(new[] { Active, Active }, await StatusesAsync(database, clusterId));
        Assert.Equal(2L, await GatewaysAsync(database, clusterId));
        Assert.True(await user.IsValidAsync(session.SessionToken!));

        await first.StopAsync(Cancellation);

        Assert.Equal(new[] { Active, Dead }, await StatusesAsync(database, clusterId));
        Assert.Equal(1L, await GatewaysAsync(database, clusterId));
        Assert.True(await EventuallyValidAsync(user, session.SessionToken!));
        await client.StopAsync(Cancellation);
        await second.StopAsync(Cancellation);
    }

    private static async Task<int[]> StatusesAsync(string database, string clusterId)
    {
        await using var source = NpgsqlDataSource.Create(database);
        await using var command = source.CreateCommand("SELECT Status FROM OrleansMembershipTable WHERE DeploymentId = $1 ORDER BY Status");
        command.Parameters.Add(new NpgsqlParameter { Value = clusterId });
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var statuses = new List<int>();
        while (await reader.ReadAsync(Cancellation))
        {
            statuses.Add(reader.GetInt32(0));
        }

        return [.. statuses];
    }

    /// <summary>What a client is offered: the rows the provider's gateway query returns.</summary>
    private static async Task<long> GatewaysAsync(string database, string clusterId)
    {
        await using var source = NpgsqlDataSource.Create(database);
        await using var query = source.CreateCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'GatewaysQueryKey'");
        var text = (string)(await query.ExecuteScalarAsync(Cancellation))!;
        await using var command = source.CreateCommand($"SELECT COUNT(*) FROM ({text.TrimEnd().TrimEnd(';')}) gateways");
        command.Parameters.AddWithValue("DeploymentId", clusterId);
        command.Parameters.AddWithValue("Status", Active);
        return (long)(await command.ExecuteScalarAsync(Cancellation))!;
    }

    /// <summary>The client may still be reconnecting from the gateway that left: retries for up to 30 s of real time.</summary>
    private static async Task<bool> EventuallyValidAsync(TestUser user, string token)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return (await user.Grain.ValidateAsync(token)).Outcome == ValidationOutcome.Valid;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, Cancellation);
            }
        }
    }
}
