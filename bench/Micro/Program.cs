using BenchmarkDotNet.Running;

namespace Sessions.Bench.Micro;

/// <summary>
/// Runs the micro-benchmarks with BenchmarkDotNet's own command line, for example
/// <c>dotnet run -c Release --project bench/Micro -- --filter '*' --job short</c> (see bench/README.md).
/// </summary>
internal static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
