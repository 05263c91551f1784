using Npgsql;

namespace Sessions.Grains.Storage;

/// <summary>
/// Applies our PostgreSQL schema (Storage/Sql/postgresql-*.sql) at every silo start: idempotent, in one transaction
/// holding a transaction-level advisory lock, so any number of silos may start at once.
/// </summary>
public static class PostgresSchema
{
    /// <summary>The version of every part this build writes into SessionGridSchema.</summary>
    public const int Version = 1;

    /// <summary>The advisory lock every grid silo takes while applying the schema ("SessGrid" in ASCII).</summary>
    public const long AdvisoryLockKey = 0x5365_7373_4772_6964;

    private static readonly (PostgresSchemaParts Part, string Component, string Script)[] Scripts =
    [
        (PostgresSchemaParts.Persistence, "persistence", "postgresql-persistence.sql"),
        (PostgresSchemaParts.Clustering, "clustering", "postgresql-clustering.sql"),
    ];

    /// <summary>Creates or upgrades <paramref name="parts"/> (and the common tables) in the database.</summary>
    /// <exception cref="InvalidOperationException">The database holds a newer version of a part than this build knows.</exception>
    /// <exception cref="NpgsqlException">The database cannot be reached or refused a statement.</exception>
    public static async Task ApplyAsync(NpgsqlDataSource dataSource, PostgresSchemaParts parts, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey});", cancellationToken);
        await ExecuteAsync(connection, await ReadScriptAsync("postgresql-main.sql", cancellationToken), cancellationToken);
        foreach (var (part, component, script) in Scripts.Where(s => parts.HasFlag(s.Part)))
        {
            if (await StoredVersionAsync(connection, component, cancellationToken) is > Version and var stored)
            {
                throw new InvalidOperationException(
                    $"The database holds the '{component}' schema at version {stored}, newer than this build's {Version}: run a newer silo.");
            }

            await ExecuteAsync(connection, await ReadScriptAsync(script, cancellationToken), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<int?> StoredVersionAsync(NpgsqlConnection connection, string component, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT Version FROM SessionGridSchema WHERE Component = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = component });
        return await command.ExecuteScalarAsync(cancellationToken) as int?;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<string> ReadScriptAsync(string file, CancellationToken cancellationToken)
    {
        var name = $"Sessions.Grains.Storage.Sql.{file}";
        await using var stream = typeof(PostgresSchema).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
