using System.Runtime.InteropServices;

namespace Sessions.Bench.Scaling.Seeding;

/// <summary>Drops one file's pages from the operating system's page cache (posix_fadvise DONTNEED): the next reads
/// of it go to the disk, and nothing else on the (shared) machine loses its cache.</summary>
internal static class PageCache
{
    private const int DontNeed = 4; // POSIX_FADV_DONTNEED on Linux

    public static void Evict(string path)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var fd = (int)file.DangerousGetHandle();
        var result = Fadvise(fd, 0, 0, DontNeed);
        if (result != 0)
        {
            throw new IOException($"posix_fadvise failed on {path}: error {result}");
        }
    }

    [DllImport("libc", EntryPoint = "posix_fadvise")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fadvise(int fd, long offset, long length, int advice);
}
