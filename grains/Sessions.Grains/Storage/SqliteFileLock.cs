namespace Sessions.Grains.Storage;

/// <summary>
/// One process per SQLite file. Two silo processes on one file would be two clusters sharing a database — each could
/// hold its own activation of a user, and one would not see the other's revocations — so a second process is refused at
/// start. Silos inside one process (a test cluster) share the file through one lock.
/// </summary>
internal static class SqliteFileLock
{
    private static readonly Dictionary<string, (FileStream Lock, int Holders)> Held = new(StringComparer.Ordinal);

    /// <summary>Takes (or joins this process's hold of) the lock next to <paramref name="databasePath"/>.</summary>
    /// <returns>False when another process holds it.</returns>
    public static bool TryAcquire(string databasePath)
    {
        var path = LockPath(databasePath);
        lock (Held)
        {
            if (Held.TryGetValue(path, out var held))
            {
                Held[path] = (held.Lock, held.Holders + 1);
                return true;
            }

            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                Held[path] = (stream, 1);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }
    }

    /// <summary>Gives back one hold; the last one releases the file.</summary>
    public static void Release(string databasePath)
    {
        var path = LockPath(databasePath);
        lock (Held)
        {
            if (!Held.TryGetValue(path, out var held))
            {
                return;
            }

            if (held.Holders > 1)
            {
                Held[path] = (held.Lock, held.Holders - 1);
                return;
            }

            held.Lock.Dispose();
            Held.Remove(path);
        }
    }

    /// <summary><c>.sessions.db.lock</c> beside <c>sessions.db</c>: a hidden file, apart from the database's own files.</summary>
    private static string LockPath(string databasePath) =>
        Path.Combine(Path.GetDirectoryName(databasePath) ?? ".", "." + Path.GetFileName(databasePath) + ".lock");
}
