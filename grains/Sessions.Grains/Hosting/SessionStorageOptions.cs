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
}

/// <summary>The storage kinds.</summary>
public enum StorageProvider
{
    /// <summary>A SQLite file: the embedded, single-node default.</summary>
    Sqlite = 1,
}
