namespace Sessions.Grains.Hosting;

/// <summary>Where grain state lives (configuration section <c>Sessions:Storage</c>).</summary>
public sealed class SessionStorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sessions:Storage";

    /// <summary>The storage kind. Default <see cref="StorageProvider.Sqlite"/>: a file, nothing to install.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The directory of the SQLite file and of the generated grid key, relative to the content root
    /// when not absolute. Default <c>data</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The SQLite file name inside <see cref="DataDirectory"/>. Default <c>sessions.db</c>.</summary>
    public string SqliteFile { get; set; } = "sessions.db";

    /// <summary>Seconds a SQLite command waits for the file lock before failing (and the grain failing closed).
    /// Default 10.</summary>
    public int SqliteBusyTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// For <see cref="StorageProvider.PostgreSQL"/>: the Npgsql connection string
    /// (<c>Host=…;Port=5432;Database=…;Username=…;Password=…</c>). No default: required for PostgreSQL. It carries a
    /// password, so give it through the environment (<c>Sessions__Storage__ConnectionString</c>) or a secret store,
    /// never in a committed appsettings file; the grid logs only its host, port and database.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Whether every user activation re-reads its stored version every <c>Sessions:StorageRecheckInterval</c>, to bound
    /// how long a stale duplicate activation can accept revoked credentials. Default: on for PostgreSQL, where several
    /// silos and deployments share the database; off for SQLite, where one process owns the file (a second is refused
    /// at start), so no duplicate activation can exist and the reads would be pure cost.
    /// </summary>
    public bool? RecheckStoredVersion { get; set; }

    /// <summary>The effective <see cref="RecheckStoredVersion"/>.</summary>
    public bool RechecksStoredVersion => RecheckStoredVersion ?? Provider == StorageProvider.PostgreSQL;
}

/// <summary>The storage kinds.</summary>
public enum StorageProvider
{
    /// <summary>A SQLite file: the embedded, single-node default.</summary>
    Sqlite = 1,

    /// <summary>A PostgreSQL database (<see cref="SessionStorageOptions.ConnectionString"/>): for a cluster of silos.</summary>
    PostgreSQL = 2,
}
