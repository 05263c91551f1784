using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Sessions.Bench.Micro.Benchmarks;

/// <summary>
/// One password check at the grid's default cost: ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>
/// (PBKDF2-HMAC-SHA512) verifying a hash made with <c>Sessions:PasswordHashing:IterationCount</c> iterations, which is
/// what every sign-in, registration and password change spends on a silo (grains/Sessions.Grains/Accounts/
/// PasswordHashing.cs). docs/scaling.md sizes sign-in capacity from this number.
/// </summary>
public class PasswordHashBenchmarks
{
    private PasswordHasher<object> _hasher = null!;
    private string _hash = null!;

    /// <summary>The iteration count: the grid's default (100,000) and the 1,000 the benchmarks' seeding uses.</summary>
    [Params(100_000, 1_000)]
    public int Iterations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _hasher = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = Iterations }));
        _hash = _hasher.HashPassword(new object(), "correct horse battery staple");
    }

    /// <summary>A sign-in with the right password.</summary>
    [Benchmark]
    public PasswordVerificationResult Verify() => _hasher.VerifyHashedPassword(new object(), _hash, "correct horse battery staple");
}
