using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Hosting;

namespace Sessions.Tests.Infrastructure;

/// <summary>
/// An in-process Orleans cluster running the real grains on a real SQLite file, with a fake clock and a storage
/// wrapper that injects faults. The service id is fixed so a second cluster on the same file sees the same rows.
/// </summary>
public sealed class GridCluster : IAsyncDisposable
{
    /// <summary>The grid key every test cluster shares (tests only; never a production value).</summary>
    public const string TestGridKey = "dGVzdC1ncmlkLWtleS10ZXN0LWdyaWQta2V5LXRlc3QtZ3JpZC1rZXk=";

    /// <summary>The key ring of <see cref="TestGridKey"/>, to mint tokens the way a grid configured with it would.</summary>
    public static GridKeyRing TestKeyRing { get; } =
        new GridKeyOptions { Keys = { ["1"] = TestGridKey } }.TryCreateRing(out var ring, out var error)
            ? ring
            : throw new InvalidOperationException(error);

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
        databasePath ??= Path.Combine(Directory.CreateTempSubdirectory("sessions-test-").FullName, "sessions.db");
        clock ??= new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var faults = new StorageFaults();
        var configuration = new Dictionary<string, string?>
        {
            ["Sessions:Storage:DataDirectory"] = Path.GetDirectoryName(databasePath),
            ["Sessions:Storage:SqliteFile"] = Path.GetFileName(databasePath),
            ["Sessions:GridKeys:Keys:1"] = TestGridKey,
            ["Sessions:GridKeys:GenerateIfMissing"] = "false",
            // Hashing cost is not under test here; 100,000 iterations would make every sign-in ~50 ms.
            ["Sessions:PasswordHashing:IterationCount"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = "session-grid-tests";
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureHost(host => host.Configuration.AddInMemoryCollection(configuration));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(SessionGrid.ClockKey, clock);
            silo.AddSessionGrid((_, inner) => new FaultInjectingGrainStorage(inner, faults));
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
