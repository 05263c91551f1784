using Microsoft.Data.Sqlite;

namespace Sessions.Grains.Storage;

/// <summary>Applies our SQLite schema (Storage/Sql/sqlite-persistence.sql): idempotent, at every silo start.</summary>
public static class SqliteSchema
{
    /// <summary>The schema version this build writes into SessionGridSchema.</summary>
    public const int Version = 1;

    /// <summary>Creates or upgrades the schema and switches the file to write-ahead logging.</summary>
    public static async Task ApplyAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        // WAL lets validations' reads proceed beside a write and is persistent in the file; it cannot be set
        // inside a transaction, so it goes first.
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);

        // IMMEDIATE takes the write lock up front, so silos starting together apply the script one at a time.
        await ExecuteAsync(connection, "BEGIN IMMEDIATE;", cancellationToken);
        try
        {
            await ExecuteAsync(connection, await ReadScriptAsync(), cancellationToken);
            await ExecuteAsync(connection, "COMMIT;", cancellationToken);
        }
        catch
        {
            await ExecuteAsync(connection, "ROLLBACK;", CancellationToken.None);
            throw;
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<string> ReadScriptAsync()
    {
        const string Name = "Sessions.Grains.Storage.Sql.sqlite-persistence.sql";
        await using var stream = typeof(SqliteSchema).Assembly.GetManifestResourceStream(Name)
            ?? throw new InvalidOperationException($"Embedded resource {Name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
