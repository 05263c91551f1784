namespace Sessions.Grains.Hosting;

/// <summary>Where the embedded default keeps its files.</summary>
public static class DataPaths
{
    /// <summary>The absolute data directory, created if missing.</summary>
    public static string DataDirectory(SessionStorageOptions storage, string contentRoot)
    {
        var directory = Path.GetFullPath(storage.DataDirectory, contentRoot);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>The absolute path of the SQLite file.</summary>
    public static string SqliteFile(SessionStorageOptions storage, string contentRoot) =>
        Path.Combine(DataDirectory(storage, contentRoot), storage.SqliteFile);

    /// <summary>The absolute path of the generated grid key.</summary>
    public static string GridKeyFile(SessionStorageOptions storage, string contentRoot) =>
        Path.Combine(DataDirectory(storage, contentRoot), "gridkey.json");
}
