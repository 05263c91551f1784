namespace Sessions.Tests.Infrastructure;

/// <summary>One web front end (with its co-hosted silo) shared by a collection of test classes.</summary>
public sealed class WebGridFixture : IAsyncDisposable
{
    public WebGrid Grid { get; } = new();

    public ValueTask DisposeAsync() => Grid.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedWeb : ICollectionFixture<WebGridFixture>
{
    public const string Name = "web";
}
