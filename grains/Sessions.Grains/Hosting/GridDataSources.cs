using Npgsql;

namespace Sessions.Grains.Hosting;

/// <summary>
/// The PostgreSQL connection pools of a host: one <see cref="NpgsqlDataSource"/> per distinct connection string, so
/// grain storage, membership and the schema share a pool when they share a database. Disposed with the host
/// (Orleans does not dispose data sources it is given).
/// </summary>
internal sealed class GridDataSources : IDisposable, IAsyncDisposable
{
    private readonly Dictionary<string, NpgsqlDataSource> _sources = new(StringComparer.Ordinal);

    /// <summary>The data source for <paramref name="connectionString"/>, created on first use.</summary>
    public NpgsqlDataSource For(string connectionString)
    {
        lock (_sources)
        {
            if (!_sources.TryGetValue(connectionString, out var source))
            {
                source = NpgsqlDataSource.Create(connectionString);
                _sources.Add(connectionString, source);
            }

            return source;
        }
    }

    public void Dispose()
    {
        foreach (var source in Drain())
        {
            source.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var source in Drain())
        {
            await source.DisposeAsync();
        }
    }

    private List<NpgsqlDataSource> Drain()
    {
        lock (_sources)
        {
            var sources = _sources.Values.ToList();
            _sources.Clear();
            return sources;
        }
    }
}
