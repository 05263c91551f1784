namespace Sessions.Tests.Infrastructure;

/// <summary>Where the repository and its own build outputs are, for tests that read its files or start real processes.</summary>
public static class RepositoryPaths
{
    /// <summary>The checkout's root: the directory above the tests' output that holds <c>Sessions.sln</c>.</summary>
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Sessions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Sessions.sln above {AppContext.BaseDirectory}: the tests do not run inside the repository.");
    }

    /// <summary>The build output of a project of this repository (e.g. <c>silo</c>, <c>web</c>), in the configuration
    /// these tests were built in. A process runs from its own output so it gets its own runtime configuration.</summary>
    public static string OutputOf(string projectDirectory)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testOutput.Parent!.Name;
        return Path.Combine(Root(), projectDirectory, "bin", configuration, testOutput.Name);
    }
}
