using Sessions.Bench.Scaling.Grid;
using Sessions.Bench.Scaling.Measuring;
using Sessions.Bench.Scaling.Reporting;

namespace Sessions.Bench.Scaling.Experiments;

/// <summary>What every experiment shares: where its data goes, the store it runs on, the measurement policy, and the
/// results file it appends to. Common options: <c>--data DIR --results FILE [--provider sqlite|postgres]
/// [--postgres ADMIN-CONNECTION-STRING] [--store DIR] [--grid-key BASE64] [--our-pids PID,...] [--max-other CORES]
/// [--retries N] [--quiet-wait SECONDS]</c>. <c>--store</c> puts the SQLite file in exactly that directory (for a
/// front end to open afterwards, with the same <c>--grid-key</c>).</summary>
internal sealed class ExperimentContext
{
    private ExperimentContext(Arguments arguments)
    {
        Arguments = arguments;
        DataDirectory = arguments.Required("data");
        Results = new ResultsFile(arguments.Required("results"));
        Provider = arguments.Text("provider") ?? "sqlite";
        PostgresAdmin = arguments.Text("postgres");
        Load = new MachineLoad(arguments.Ints("our-pids", []));
        Windows = new Windows(Load, new WindowPolicy(
            arguments.Double("max-other", 0.25), arguments.Int("retries", 2), TimeSpan.FromSeconds(arguments.Int("quiet-wait", 60))));
    }

    public Arguments Arguments { get; }

    public string DataDirectory { get; }

    public ResultsFile Results { get; }

    public string Provider { get; }

    public string? PostgresAdmin { get; }

    public MachineLoad Load { get; }

    public Windows Windows { get; }

    public static ExperimentContext From(Arguments arguments) => new(arguments);

    /// <summary>A new store for this experiment: a SQLite file under a fresh directory (or <c>--store</c>), or a new
    /// PostgreSQL database.</summary>
    public Task<GridStorage> CreateStorageAsync(string name) => GridStorage.CreateAsync(
        Provider, Arguments.Text("store") ?? Path.Combine(DataDirectory, $"{name}-{Guid.NewGuid():N}"), PostgresAdmin);

    /// <summary>Grid configuration for this experiment: <paramref name="settings"/>, and the grid key when one was given.</summary>
    public Dictionary<string, string?> GridSettings(params (string Key, string Value)[] settings)
    {
        var configuration = settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        if (Arguments.Text("grid-key") is { } key)
        {
            configuration["Sessions:GridKeys:Keys:1"] = key;
        }

        return configuration;
    }

    /// <summary>Windowed results in the report's shape.</summary>
    public static SeriesRecord Series(Windowed<LoadResult> window) => new(
        window.Result.RequestsPerSecond, window.Result.Latency.P50Us, window.Result.Latency.P99Us, window.Result.Requests,
        window.Result.Failures, window.Usage.OurCores, window.Usage.OtherCores, window.Attempts);
}
