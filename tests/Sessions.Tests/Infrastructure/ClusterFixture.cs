namespace Sessions.Tests.Infrastructure;

/// <summary>One cluster shared by a collection of test classes; every test makes its own user.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private GridCluster? _grid;

    public GridCluster Grid => _grid ?? throw new InvalidOperationException("The cluster has not started.");

    public async ValueTask InitializeAsync() => _grid = await GridCluster.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_grid is not null)
        {
            await _grid.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedCluster : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
