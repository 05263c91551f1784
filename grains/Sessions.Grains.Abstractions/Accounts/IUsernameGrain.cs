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

    /// <summary>Claims this username for <paramref name="userId"/> (a federated user, who has no password), durably.</summary>
    /// <returns>True when the name is now (or already was) this user's; false when someone else holds it.</returns>
    Task<bool> ClaimAsync(string userId);

    /// <summary>Releases this username when <paramref name="userId"/> holds it (the user is being deleted), durably, so
    /// it may be registered again.</summary>
    Task ReleaseAsync(string userId);

    /// <summary>The id of the user owning this username, or null when nobody does.</summary>
    Task<string?> GetUserIdAsync();
}
