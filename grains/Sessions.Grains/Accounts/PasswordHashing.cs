using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Sessions.Grains.Accounts;

/// <summary>
/// Password hashing by ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2-HMAC-SHA512, 100,000
/// iterations by default, salted, versioned format), plus a decoy hash so that checking a password for an unknown
/// username costs exactly what checking a wrong one costs.
/// </summary>
public sealed class PasswordHashing
{
    private static readonly Account Nobody = new();

    private readonly PasswordHasher<Account> _hasher;
    private readonly string _decoy;

    public PasswordHashing(IOptions<PasswordHasherOptions> options)
    {
        _hasher = new PasswordHasher<Account>(options);
        _decoy = _hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
    }

    /// <summary>Hashes a new password.</summary>
    public string Hash(string password) => _hasher.HashPassword(Nobody, password);

    /// <summary>Checks a password against a stored hash.</summary>
    public PasswordVerificationResult Verify(string hash, string password) =>
        _hasher.VerifyHashedPassword(Nobody, hash, password);

    /// <summary>Spends the work of one verification and fails: the unknown-user path.</summary>
    public void VerifyDecoy(string password) => _hasher.VerifyHashedPassword(Nobody, _decoy, password);

    /// <summary>The hasher's user type; it carries nothing (the hash format does not depend on the user).</summary>
    public sealed class Account;
}
