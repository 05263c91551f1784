namespace Sessions.Grains.Signals;

/// <summary>The embedded default's signing key file: created once, owner read/write only, never overwritten.</summary>
internal static class GeneratedKeyFile
{
    /// <summary>Creates the file with a new ES256 key unless it exists; returns its path.</summary>
    public static string LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return path;
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(new FileStream(path, options));
            writer.Write(SigningKey.GeneratePem());
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; use theirs.
        }

        return path;
    }
}
