using Orleans.Concurrency;
using Sessions.Grains.Abstractions.Users;

namespace Sessions.Grains.Abstractions.Accounts;

/// <summary>
/// One grain per normalised username (see <see cref="AccountRules.TryNormalizeUsername"/>): the single place that
/// decides who owns a name, so two concurrent registrations cannot both win, and the door for password sign-in,
/// so unknown and known usernames take the same path.
/// </summary>
public interface IUsernameGrain : IGrainWithStringKey
{
    /// <summary>Creates a user owning this username with <paramref name="password"/>, or reports the name taken; Busy
    /// (nothing created or claimed) when the password could not be hashed now.</summary>
    Task<RegistrationResult> RegisterAsync(string password);

    /// <summary>
    /// Checks the password of this username's user and opens a session. An unknown username costs the same
    /// password-hash work and is throttled the same way as a wrong password, so neither reveals whether the
    /// account exists. When every password-hashing slot is taken, either answers Busy at once and nothing is counted.
    /// </summary>
    Task<SignInResult> SignInAsync(string password, SignInRequest request);

    /// <summary>Claims this username for <paramref name="userId"/> (a federated user, who has no password), durably.
    /// Idempotent for the same user, so a first sign-in interrupted after its claim completes with the same name.</summary>
    /// <returns>True when the name is now (or already was) this user's; false when someone else holds it or the key
    /// is not a normalised username.</returns>
    /// <exception cref="SessionStoreUnavailableException">The write failed; the name may or may not be claimed.</exception>
    Task<bool> ClaimAsync(string userId);

    /// <summary>Releases this username when <paramref name="userId"/> holds it (the user is being deleted), durably, so
    /// it may be registered again; otherwise changes nothing. Idempotent. Interleaves: the deleting user grain calls it
    /// while a password sign-in here may be waiting for that very user grain, so it must not queue behind it.</summary>
    /// <exception cref="SessionStoreUnavailableException">The write failed; the name may still be held.</exception>
    [AlwaysInterleave]
    Task ReleaseAsync(string userId);

    /// <summary>The id of the user owning this username, or null when nobody does.</summary>
    Task<string?> GetUserIdAsync();
}
