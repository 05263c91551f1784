namespace Sessions.Tests.Infrastructure;

/// <summary>One web front end (with its co-hosted silo) shared by the tests of a collection (<see cref="SharedWeb"/>)
/// or of a class; every test makes its own user. A fixture for a differently configured front end derives from this one.</summary>
public class WebGridFixture : IAsyncDisposable
{
    public WebGridFixture()
        : this(new WebGrid())
    {
    }

    protected WebGridFixture(WebGrid grid) => Grid = grid;

    public WebGrid Grid { get; }

    public async ValueTask DisposeAsync()
    {
        await Grid.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

[CollectionDefinition(Name)]
public sealed class SharedWeb : ICollectionFixture<WebGridFixture>
{
    public const string Name = "web";
}
