using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Accounts;
using Sessions.Grains.Hosting;
using Sessions.Grains.Storage;
using Sessions.Grains.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Storage;

/// <summary>
/// The storage recheck's version-only read on PostgreSQL (<c>SELECT Version</c> by the row's key): the same ETag a full
/// read gives, for the grid's GUID-keyed users and string-keyed usernames, for cleared state and for no row at all,
/// without touching the payload (a recheck of a row whose payload no longer deserialises still agrees, where a full
/// read would fail and, after Sessions:StorageUnreadableLimit, stop the activation); and a database it cannot reach is
/// an error, as a full read's would be.
/// </summary>
[Collection(PostgresGrid.Collection)]
public sealed class PostgresStoredVersionTests(PostgresServer server)
{
    [Fact]
    public async Task TheVersionOfAUserAfterSeveralWritesIsTheETagAFullReadGives()
    {
        await using var grid = await PostgresGrid.StartAsync(await server.CreateDatabaseAsync(), silos: 1);
        var user = await TestUser.RegisterAsync(grid.Client);
        var browser = await user.SignInBrowserAsync();
        await user.SignInAppAsync();
        await user.Grain.EndSessionAsync(TestUser.Operator, browser.SessionId);
        var storage = GridStorage(grid);

        var version = await storage.ReadStoredVersionAsync<UserState>(UserState.StateName, user.Grain.GetGrainId(), CancellationToken.None);
        var fullRead = await FullReadAsync<UserState>(storage, UserState.StateName, user.Grain.GetGrainId());

        Assert.NotNull(version);
        Assert.Equal(fullRead.ETag, version);
        Assert.True(int.Parse(version, System.Globalization.CultureInfo.InvariantCulture) >= 4);
    }

    [Fact]
    public async Task TheVersionOfAStringKeyedUsernameIsTheETagAFullReadGives()
    {
        await using var grid = await PostgresGrid.StartAsync(await server.CreateDatabaseAsync(), silos: 1);
        var user = await TestUser.RegisterAsync(grid.Client);
        var storage = GridStorage(grid);

        var version = await storage.ReadStoredVersionAsync<UsernameState>(UsernameState.StateName, user.Name.GetGrainId(), CancellationToken.None);
        var fullRead = await FullReadAsync<UsernameState>(storage, UsernameState.StateName, user.Name.GetGrainId());

        Assert.NotNull(version);
        Assert.Equal(fullRead.ETag, version);
    }

    [Fact]
    public async Task AClearedStateHasTheVersionAFullReadGivesAndAUserNeverStoredHasNone()
    {
        await using var grid = await PostgresGrid.StartAsync(await server.CreateDatabaseAsync(), silos: 1);
        var storage = GridStorage(grid);
        var cleared = grid.Client.GetGrain<IUserGrain>(GridIds.Format(Guid.NewGuid())).GetGrainId();
        var neverStored = grid.Client.GetGrain<IUserGrain>(GridIds.Format(Guid.NewGuid())).GetGrainId();
        var state = new GrainState<UserState>(new UserState());
        await storage.WriteStateAsync(UserState.StateName, cleared, state);
        await storage.ClearStateAsync(UserState.StateName, cleared, state);

        var clearedVersion = await storage.ReadStoredVersionAsync<UserState>(UserState.StateName, cleared, CancellationToken.None);
        var clearedFullRead = await FullReadAsync<UserState>(storage, UserState.StateName, cleared);
        var absentVersion = await storage.ReadStoredVersionAsync<UserState>(UserState.StateName, neverStored, CancellationToken.None);
        var absentFullRead = await FullReadAsync<UserState>(storage, UserState.StateName, neverStored);

        Assert.Equal("2", clearedVersion);
        Assert.Equal(clearedFullRead.ETag, clearedVersion);
        Assert.Null(absentVersion);
        Assert.Null(absentFullRead.ETag);
    }

    [Fact]
    public async Task TheVersionIsReadWithoutThePayload()
    {
        var database = await server.CreateDatabaseAsync();
        await using var grid = await PostgresGrid.StartAsync(database, silos: 1);
        var user = await TestUser.RegisterAsync(grid.Client);
        var storage = GridStorage(grid);
        var before = await storage.ReadStoredVersionAsync<UserState>(UserState.StateName, user.Grain.GetGrainId(), CancellationToken.None);
        await CorruptPayloadsAsync(database);

        var after = await storage.ReadStoredVersionAsync<UserState>(UserState.StateName, user.Grain.GetGrainId(), CancellationToken.None);

        Assert.Equal(before, after);
        await Assert.ThrowsAnyAsync<Exception>(() => FullReadAsync<UserState>(storage, UserState.StateName, user.Grain.GetGrainId()));
    }

    [Fact]
    public async Task AnActivationsRechecksDoNotReadItsPayload()
    {
        var database = await server.CreateDatabaseAsync();
        var interval = new SessionOptions().StorageRecheckInterval;
        await using var grid = await PostgresGrid.StartAsync(database, silos: 1, timersOnClock: true);
        var user = await TestUser.RegisterAsync(grid.Client);
        var session = await user.SignInBrowserAsync();
        var activation = await ActivationAfterAsync(grid, user, TimeSpan.Zero);
        await CorruptPayloadsAsync(database);

        var afterRechecks = activation;
        for (var i = 0; i < 4; i++)
        {
            afterRechecks = await ActivationAfterAsync(grid, user, interval);
        }

        Assert.Equal(activation, afterRechecks);
        Assert.True(await user.IsValidAsync(session.SessionToken!));
    }

    [Fact]
    public async Task ADatabaseThatCannotBeReachedIsAnErrorNotAMissingRow()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync()) { Port = FreePorts.Next(), Timeout = 2 };
        await using var dataSource = NpgsqlDataSource.Create(unreachable.ToString());
        var reader = new StoredVersionReader(dataSource, "session-grid-tests");
        var grainId = GrainId.Create("user", GridIds.Format(Guid.NewGuid()));

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => reader.ReadAsync(UserState.StateName, grainId, CancellationToken.None));
    }

    /// <summary>Advances the grain clock, lets any recheck it fired finish (a [ReadOnly] call queues behind a timer
    /// turn), and names the activation that then serves the user.</summary>
    private static async Task<ActivationId> ActivationAfterAsync(GridCluster grid, TestUser user, TimeSpan advance)
    {
        grid.Clock.Advance(advance);
        await user.Grain.GetAuditTrailAsync();
        Assert.True(grid.Cluster.TryGetGrainContext(user.Grain.GetGrainId(), out var context));
        return context.ActivationId;
    }

    private static IGrainStorage GridStorage(GridCluster grid) =>
        grid.Cluster.GetSiloServiceProvider(grid.Cluster.Silos[0].SiloAddress).GetRequiredKeyedService<IGrainStorage>(SessionGrid.StorageName);

    private static async Task<GrainState<T>> FullReadAsync<T>(IGrainStorage storage, string stateName, GrainId grainId)
    {
        var stored = new GrainState<T>();
        await storage.ReadStateAsync(stateName, grainId, stored);
        return stored;
    }

    /// <summary>Overwrites every stored payload with bytes no deserialiser accepts, leaving the versions alone.</summary>
    private static async Task CorruptPayloadsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("UPDATE OrleansStorage SET PayloadBinary = '\\xffffffffffffffff'::bytea", connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
