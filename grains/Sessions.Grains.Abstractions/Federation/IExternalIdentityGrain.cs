using Orleans.Concurrency;
using Sessions.Grains.Abstractions.Users;

namespace Sessions.Grains.Abstractions.Federation;

/// <summary>
/// One grain per external identity (key: <see cref="ExternalIdentities.GrainKey"/>): the single place that decides
/// which grid user an OpenID Connect provider's person is, so two concurrent first sign-ins of one person create one
/// user, as <see cref="Accounts.IUsernameGrain"/> does for usernames. The link is durable before any session is issued.
/// </summary>
public interface IExternalIdentityGrain : IGrainWithStringKey
{
    /// <summary>
    /// Signs the person in: on the first sign-in creates their grid user (a username derived from
    /// <see cref="FederatedSignIn.PreferredUsername"/>, normalised and made unique) and links this identity to it,
    /// durably; then opens a browser session on that user (<see cref="IUserGrain.SignInFederatedAsync"/>) and records
    /// the provider session for back-channel logout (<see cref="IProviderSessionGrain"/>).
    /// </summary>
    /// <returns>SignedIn with the session; Disabled when the user is disabled (nothing issued).</returns>
    /// <exception cref="SessionStoreUnavailableException">A write failed; nothing was issued.</exception>
    Task<SignInResult> SignInAsync(FederatedSignIn request);

    /// <summary>The id of the grid user this identity is linked to, or null when none is (the subject of a
    /// back-channel logout or an <c>iss_sub</c> subject identifier). Reads memory only, beside a sign-in in flight.</summary>
    [AlwaysInterleave]
    Task<string?> GetUserIdAsync();

    /// <summary>Removes the link when it points at <paramref name="userId"/> (the user is being deleted), durably;
    /// a later sign-in of this identity creates a new user. Idempotent. Interleaves: the deleting user grain calls it
    /// while a sign-in here may be waiting for that very user grain (docs/architecture.md, federation), so it must not
    /// queue behind that sign-in.</summary>
    [AlwaysInterleave]
    Task UnlinkAsync(string userId);
}
