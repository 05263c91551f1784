using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Sessions.Bench.Micro;

/// <summary>
/// Runs the micro-benchmarks with BenchmarkDotNet's own command line, from the repository root, for example
/// <c>dotnet run -c Release --project bench/Micro -- --filter '*' --job short</c> (see bench/README.md).
/// </summary>
internal static class Program
{
    public static void Main(string[] args)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance)
            // BenchmarkDotNet rebuilds this project with its generated entry point: on two cores shared with other
            // builds that takes longer than its default two minutes.
            .WithBuildTimeout(TimeSpan.FromMinutes(10))
            // Reports under bin/ (ignored by git) unless --artifacts says otherwise: these are one machine's numbers.
            .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
