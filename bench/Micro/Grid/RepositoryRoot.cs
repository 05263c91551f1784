namespace Sessions.Bench.Micro.Grid;

/// <summary>Finds a file of this checkout from wherever BenchmarkDotNet runs the benchmarks (its generated project
/// builds below bench/Micro/bin): <c>SESSIONS_REPOSITORY</c> when set, else the nearest parent holding Sessions.sln.</summary>
internal static class RepositoryRoot
{
    public static string Find(string relativePath)
    {
        var root = Environment.GetEnvironmentVariable("SESSIONS_REPOSITORY");
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); root is null && directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Sessions.sln")))
            {
                root = directory.FullName;
            }
        }

        var path = Path.Combine(root ?? throw new InvalidOperationException("Sessions.sln not found above " + AppContext.BaseDirectory), relativePath);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{relativePath} is missing: build it first (dotnet build silo/Sessions.Silo.csproj -c Release).", path);
    }
}
