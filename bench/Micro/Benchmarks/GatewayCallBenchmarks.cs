using BenchmarkDotNet.Attributes;
using Sessions.Bench.Micro.Grid;
using Sessions.Grains.Abstractions.Users;

namespace Sessions.Bench.Micro.Benchmarks;

/// <summary>
/// The same <see cref="IUserGrain.ValidateAsync"/> round trip through a separate silo's gateway: the grid's silo
/// process (its Release build) and this process as its Orleans client, as a front end in cluster mode. The time
/// includes both processes' work and two loopback TCP hops; this process's CPU is only the client's share.
/// </summary>
[MemoryDiagnoser]
public class GatewayCallBenchmarks
{
    private SeparateSilo _silo = null!;
    private IUserGrain _grain = null!;
    private string _token = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _silo = await SeparateSilo.StartAsync();
        var user = await BenchUser.SignInAsync(_silo.Grains);
        _grain = _silo.Grains.GetGrain<IUserGrain>(user.UserId);
        _token = user.AccessToken;
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _silo.DisposeAsync();

    [Benchmark]
    public ValueTask<ValidationResult> ValidateThroughGateway() => _grain.ValidateAsync(_token);
}
