using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Interop;

/// <summary>README.md shows the nginx server block the nginx tests run, with its example ports, character for character.</summary>
public sealed class ReadmeNginxBlockTests
{
    [Fact]
    public async Task TheReadmeShowsTheServerBlockTheNginxTestsRun()
    {
        var readme = Path.Combine(RepositoryPaths.Root(), "README.md");

        var text = await File.ReadAllTextAsync(readme, TestContext.Current.CancellationToken);

        Assert.Contains("```nginx\n" + ForwardAuthServerBlock.For(8080, 3000, 5000, "http://localhost:5000/") + "\n```", text, StringComparison.Ordinal);
    }
}
