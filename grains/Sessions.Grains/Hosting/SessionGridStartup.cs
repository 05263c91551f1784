using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Storage;

namespace Sessions.Grains.Hosting;

/// <summary>
/// Runs first in the silo's lifecycle, before storage initialises: loads the grid keys (so a missing key stops the
/// silo with a clear message instead of failing the first sign-in) and applies the database schema.
/// </summary>
internal sealed partial class SessionGridStartup(
    TokenCodec codec,
    IOptions<SessionStorageOptions> storage,
    IOptionsMonitor<AdoNetGrainStorageOptions> adoNet,
    ILogger<SessionGridStartup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SessionGridStartup), ServiceLifecycleStage.First, StartAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        LogKeys(logger, codec.Keys.ActiveKeyId);
        if (storage.Value.Provider == StorageProvider.Sqlite)
        {
            var connectionString = adoNet.Get(SessionGrid.AdoNetStorageName).ConnectionString!;
            await SqliteSchema.ApplyAsync(connectionString, cancellationToken);
            LogSchema(logger, SqliteSchema.Version);
        }
    }

    [LoggerMessage(2001, LogLevel.Information, "Grid keys loaded; new tokens are signed with key {KeyId}")]
    private static partial void LogKeys(ILogger logger, byte keyId);

    [LoggerMessage(2002, LogLevel.Information, "SQLite schema version {Version} is in place")]
    private static partial void LogSchema(ILogger logger, int version);
}
