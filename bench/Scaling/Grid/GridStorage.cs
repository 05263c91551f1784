using Npgsql;
using Sessions.Bench.Scaling.Seeding;

namespace Sessions.Bench.Scaling.Grid;

/// <summary>Where a benchmark grid keeps its state: the configuration keys that say so to the grid, and direct access
/// to the same table for bulk seeding.</summary>
internal abstract class GridStorage
{
    /// <summary>"SQLite" or "PostgreSQL", for reports.</summary>
    public abstract string Name { get; }

    /// <summary>The <c>Sessions:Storage:*</c> keys that point the grid here.</summary>
    public abstract IEnumerable<KeyValuePair<string, string?>> Settings();

    /// <summary>A direct connection to the grid's storage table.</summary>
    public abstract IRowStore OpenRows();

    /// <summary>SQLite in <paramref name="directory"/> (the embedded default), or, when <paramref name="postgresAdmin"/>
    /// is given, a new database on that PostgreSQL server.</summary>
    public static async Task<GridStorage> CreateAsync(string provider, string directory, string? postgresAdmin)
    {
        if (string.Equals(provider, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            Directory.CreateDirectory(directory);
            return new SqliteStorage(Path.Combine(Path.GetFullPath(directory), "sessions.db"));
        }

        if (postgresAdmin is null)
        {
            throw new ArgumentException("--postgres <admin connection string> is required for the PostgreSQL provider.");
        }

        var database = $"scaling_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(postgresAdmin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new PostgresStorage(new NpgsqlConnectionStringBuilder(postgresAdmin) { Database = database }.ToString());
    }

    private sealed class SqliteStorage(string path) : GridStorage
    {
        public override string Name => "SQLite";

        public override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [
            new("Sessions:Storage:Provider", "Sqlite"),
            new("Sessions:Storage:DataDirectory", Path.GetDirectoryName(path)),
            new("Sessions:Storage:SqliteFile", Path.GetFileName(path)),
        ];

        public override IRowStore OpenRows() => new SqliteRowStore(path);
    }

    private sealed class PostgresStorage(string connectionString) : GridStorage
    {
        public override string Name => "PostgreSQL";

        public override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [
            new("Sessions:Storage:Provider", "PostgreSQL"),
            new("Sessions:Storage:ConnectionString", connectionString),
        ];

        public override IRowStore OpenRows() => new PostgresRowStore(connectionString);
    }
}
