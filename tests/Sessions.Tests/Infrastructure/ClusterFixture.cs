namespace Sessions.Tests.Infrastructure;

/// <summary>One in-process cluster shared by the tests of a collection (<see cref="SharedCluster"/>) or of a
/// class; every test makes its own user. A fixture for a differently configured cluster derives from this one.</summary>
public class ClusterFixture : IAsyncLifetime
{
    private readonly Func<Task<GridCluster>> _start;
    private GridCluster? _grid;

    public ClusterFixture()
        : this(() => GridCluster.StartAsync())
    {
    }

    protected ClusterFixture(Func<Task<GridCluster>> start) => _start = start;

    public GridCluster Grid => _grid ?? throw new InvalidOperationException("The cluster has not started.");

    public async ValueTask InitializeAsync() => _grid = await _start();

    public async ValueTask DisposeAsync()
    {
        if (_grid is not null)
        {
            await _grid.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

[CollectionDefinition(Name)]
public sealed class SharedCluster : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
