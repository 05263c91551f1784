using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Storage;

namespace Sessions.Grains.Hosting;

/// <summary>
/// Runs first in the silo's lifecycle, before storage and membership initialise: loads the grid keys (so a missing key
/// stops the silo with a clear message instead of failing the first sign-in) and applies the database schema — SQLite,
/// or the PostgreSQL parts this silo uses (grain state, membership) in each database that holds them.
/// </summary>
internal sealed partial class SessionGridStartup(
    TokenCodec codec,
    IOptions<SessionStorageOptions> storage,
    IOptions<ClusterIdentityOptions> cluster,
    IOptionsMonitor<AdoNetGrainStorageOptions> adoNet,
    GridDataSources dataSources,
    ILogger<SessionGridStartup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private string? _lockedDatabase;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SessionGridStartup), ServiceLifecycleStage.First, StartAsync, StopAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        LogKeys(logger, codec.Keys.ActiveKeyId);
        if (storage.Value.Provider == StorageProvider.Sqlite)
        {
            var connectionString = adoNet.Get(SessionGrid.AdoNetStorageName).ConnectionString!;
            var database = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
            if (!SqliteFileLock.TryAcquire(database))
            {
                throw new SessionGridStartupException(
                    $"Another process is using the SQLite file {database}. The embedded default runs one silo per file; " +
                    "to run several silos, use PostgreSQL (see README, Running a cluster).");
            }

            _lockedDatabase = database;
            await SqliteSchema.ApplyAsync(connectionString, cancellationToken);
            LogSchema(logger, SqliteSchema.Version);
        }

        foreach (var (connectionString, (parts, key)) in PostgresDatabases())
        {
            await ApplyPostgresAsync(connectionString, parts, key, cancellationToken);
        }
    }

    private Task StopAsync(CancellationToken cancellationToken)
    {
        if (_lockedDatabase is { } database)
        {
            SqliteFileLock.Release(database);
            _lockedDatabase = null;
        }

        return Task.CompletedTask;
    }

    /// <summary>Each PostgreSQL database this silo uses, with the schema parts it must hold and the key naming it.</summary>
    private Dictionary<string, (PostgresSchemaParts Parts, string Key)> PostgresDatabases()
    {
        var databases = new Dictionary<string, (PostgresSchemaParts Parts, string Key)>(StringComparer.Ordinal);
        if (storage.Value.Provider == StorageProvider.PostgreSQL)
        {
            databases[storage.Value.ConnectionString!] = (PostgresSchemaParts.Persistence, "Sessions:Storage:ConnectionString");
        }

        if (cluster.Value.Membership == MembershipProvider.PostgreSQL)
        {
            var connectionString = cluster.Value.ConnectionString!;
            databases[connectionString] = databases.TryGetValue(connectionString, out var shared)
                ? (shared.Parts | PostgresSchemaParts.Clustering, shared.Key)
                : (PostgresSchemaParts.Clustering, cluster.Value.ConnectionStringKey);
        }

        return databases;
    }

    private async Task ApplyPostgresAsync(string connectionString, PostgresSchemaParts parts, string key, CancellationToken cancellationToken)
    {
        var database = PostgresConnectionString.Describe(connectionString);
        try
        {
            await PostgresSchema.ApplyAsync(dataSources.For(connectionString), parts, cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            throw new SessionGridStartupException(
                $"Cannot use the PostgreSQL database {database} ({key}): {OneLine(exception.Message)}", exception);
        }

        LogPostgresSchema(logger, parts, PostgresSchema.Version, database);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    [LoggerMessage(2001, LogLevel.Information, "Grid keys loaded; new tokens are signed with key {KeyId}")]
    private static partial void LogKeys(ILogger logger, byte keyId);

    [LoggerMessage(2002, LogLevel.Information, "SQLite schema version {Version} is in place")]
    private static partial void LogSchema(ILogger logger, int version);

    [LoggerMessage(2003, LogLevel.Information, "PostgreSQL schema ({Parts}) version {Version} is in place in {Database}")]
    private static partial void LogPostgresSchema(ILogger logger, PostgresSchemaParts parts, int version, string database);
}
