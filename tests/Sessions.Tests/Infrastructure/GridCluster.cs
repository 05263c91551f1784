using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Sessions.Grains.Hosting;

namespace Sessions.Tests.Infrastructure;

/// <summary>
/// An in-process Orleans cluster running the real grains on a real SQLite file, with a fake clock and storage
/// faults to arm (<see cref="Faults"/>). The service id is fixed so a second cluster on the same file sees the same rows.
/// </summary>
public sealed class GridCluster : IAsyncDisposable
{
    private GridCluster(InProcessTestCluster cluster, FakeTimeProvider clock, StorageFaults faults, string databasePath)
    {
        Cluster = cluster;
        Clock = clock;
        Faults = faults;
        DatabasePath = databasePath;
    }

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public FakeTimeProvider Clock { get; }

    public StorageFaults Faults { get; }

    public string DatabasePath { get; }

    public string ConnectionString => $"Data Source={DatabasePath};Pooling=False";

    /// <summary>Starts a cluster on <paramref name="databasePath"/> (a new temporary file when null); <paramref name="settings"/>
    /// override configuration and <paramref name="configure"/> the test cluster itself.</summary>
    public static async Task<GridCluster> StartAsync(
        string? databasePath = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        short silos = 2,
        FakeTimeProvider? clock = null,
        Action<InProcessTestClusterBuilder>? configure = null)
    {
        var configuration = new TestSettings(databasePath is null ? null : Path.GetDirectoryName(databasePath));
        databasePath ??= Path.Combine(configuration.DataDirectory, "sessions.db");
        configuration["Sessions:Storage:SqliteFile"] = Path.GetFileName(databasePath);
        configuration.With(settings);
        clock ??= TestClock.New();
        var faults = new StorageFaults();

        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = "session-grid-tests";
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureHost(host => host.Configuration.AddInMemoryCollection(configuration.Values));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSessionGrid();
            silo.Services.AddKeyedSingleton<TimeProvider>(SessionGrid.ClockKey, clock);
            FaultInjectingGrainStorage.Install(silo.Services, faults);
        });

        configure?.Invoke(builder);
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new GridCluster(cluster, clock, faults, databasePath);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
