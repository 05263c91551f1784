using BenchmarkDotNet.Attributes;
using Sessions.Bench.Micro.Grid;
using Sessions.Grains.Abstractions.Users;

namespace Sessions.Bench.Micro.Benchmarks;

/// <summary>
/// One <see cref="IUserGrain.ValidateAsync"/> round trip on a seeded, active user, with the silo co-hosted in this
/// process as in the embedded front end: the call's messaging and scheduling hops, the grain's own check (read without
/// MAC, lookup, SHA-256 match, expiry, the verdict with its id strings) and the answer. <see cref="HandlerCore"/>
/// adds the front end's codec read (shape + MAC) before the call, as the authentication handler does.
/// </summary>
[MemoryDiagnoser]
public class GrainCallBenchmarks
{
    private InProcessGrid _grid = null!;
    private IUserGrain _grain = null!;
    private string _token = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _grid = await InProcessGrid.StartAsync();
        var user = await BenchUser.SignInAsync(_grid.Grains);
        _grain = _grid.Grains.GetGrain<IUserGrain>(user.UserId);
        _token = user.AccessToken;
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _grid.DisposeAsync();

    [Benchmark]
    public ValueTask<ValidationResult> ValidateCoHosted() => _grain.ValidateAsync(_token);

    [Benchmark]
    public async Task<bool> HandlerCore()
    {
        if (!_grid.Codec.TryRead(_token, out var fields))
        {
            return false;
        }

        var verdict = await _grid.Grains.GetGrain<IUserGrain>(GridIds.Format(fields.UserId)).ValidateAsync(_token);
        return verdict.IsValid;
    }
}
