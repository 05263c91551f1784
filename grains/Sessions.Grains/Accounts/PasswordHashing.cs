using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Sessions.Grains.Abuse;

namespace Sessions.Grains.Accounts;

/// <summary>
/// Password hashing by ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2-HMAC-SHA512, 100,000
/// iterations by default, salted, versioned format), plus a decoy hash so that checking a password for an unknown
/// username costs exactly what checking a wrong one costs. Every hash and verification — the known user's, the
/// unknown user's decoy, registration's, a password change's — runs through the one <see cref="PasswordHashGate"/>,
/// so all of them share its bound and its queue, and a known and an unknown username still cost the same
/// (docs/invariants.md, invariant 9). When the gate is full the answer is <see cref="PasswordVerdict.Busy"/>, at once.
/// </summary>
public sealed class PasswordHashing
{
    private static readonly Account Nobody = new();

    private readonly PasswordHasher<Account> _hasher;
    private readonly PasswordHashGate _gate;
    private readonly string _decoy;

    public PasswordHashing(IOptions<PasswordHasherOptions> options, PasswordHashGate gate)
    {
        _hasher = new PasswordHasher<Account>(options);
        _gate = gate;
        _decoy = _hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
    }

    /// <summary>How long a caller told <see cref="PasswordVerdict.Busy"/> should wait before retrying.</summary>
    public TimeSpan RetryAfter => _gate.RetryAfter;

    /// <summary>Hashes a new password; null when the gate is full (nothing was hashed).</summary>
    public Task<string?> HashAsync(string password) =>
        _gate.TryRun<string?>(() => _hasher.HashPassword(Nobody, password), out var hash) ? hash : Task.FromResult<string?>(null);

    /// <summary>Checks a password against a stored hash; when it matches but the hash is out of date, the new hash
    /// comes in the same turn of the gate.</summary>
    public Task<PasswordCheck> VerifyAsync(string hash, string password) => Run(() => Verify(hash, password) switch
    {
        PasswordVerificationResult.Success => new PasswordCheck(PasswordVerdict.Matched),
        PasswordVerificationResult.SuccessRehashNeeded => new PasswordCheck(PasswordVerdict.Matched, _hasher.HashPassword(Nobody, password)),
        _ => PasswordCheck.Mismatched,
    });

    /// <summary>Spends the work of one verification and fails (or is busy, like any check): the unknown-user path.</summary>
    public Task<PasswordCheck> VerifyDecoyAsync(string password) => Run(() =>
    {
        _ = Verify(_decoy, password);
        return PasswordCheck.Mismatched;
    });

    /// <summary>Checks <paramref name="current"/> against a stored hash and, when it matches, hashes
    /// <paramref name="replacement"/> in the same turn of the gate (a password change).</summary>
    public Task<PasswordCheck> VerifyAndReplaceAsync(string hash, string current, string replacement) => Run(() =>
        Verify(hash, current) == PasswordVerificationResult.Failed
            ? PasswordCheck.Mismatched
            : new PasswordCheck(PasswordVerdict.Matched, _hasher.HashPassword(Nobody, replacement)));

    private PasswordVerificationResult Verify(string hash, string password) => _hasher.VerifyHashedPassword(Nobody, hash, password);

    private Task<PasswordCheck> Run(Func<PasswordCheck> check) =>
        _gate.TryRun(check, out var completion) ? completion : Task.FromResult(PasswordCheck.Busy);

    /// <summary>The hasher's user type; it carries nothing (the hash format does not depend on the user).</summary>
    public sealed class Account;
}
