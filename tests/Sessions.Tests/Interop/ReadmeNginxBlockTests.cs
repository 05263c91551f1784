namespace Sessions.Tests.Interop;

/// <summary>README.md shows the nginx server block the nginx tests run, with its example ports, character for character.</summary>
public sealed class ReadmeNginxBlockTests
{
    [Fact]
    public async Task TheReadmeShowsTheServerBlockTheNginxTestsRun()
    {
        var readme = Path.Combine(RepositoryRoot(), "README.md");

        var text = await File.ReadAllTextAsync(readme, TestContext.Current.CancellationToken);

        Assert.Contains("```nginx\n" + ForwardAuthServerBlock.For(8080, 3000, 5000, "http://localhost:5000/") + "\n```", text, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Sessions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Sessions.sln above {AppContext.BaseDirectory}.");
    }
}
