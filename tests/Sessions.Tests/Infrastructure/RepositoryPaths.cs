namespace Sessions.Tests.Infrastructure;

/// <summary>Where the repository's own build outputs are, for tests that start real processes.</summary>
public static class RepositoryPaths
{
    /// <summary>The build output of a project of this repository (e.g. <c>silo</c>, <c>web</c>), in the configuration
    /// these tests were built in. A process runs from its own output so it gets its own runtime configuration.</summary>
    public static string OutputOf(string projectDirectory)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (!File.Exists(Path.Combine(root.FullName, "Sessions.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("The tests do not run inside the repository.");
        }

        return Path.Combine(root.FullName, projectDirectory, "bin", configuration, testOutput.Name);
    }
}
