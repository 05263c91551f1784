using Orleans.Concurrency;

namespace Sessions.Grains.Abstractions.Users;

/// <summary>
/// One grain per user (key: the user id, see <see cref="GridIds"/>) that owns every credential the user holds:
/// browser sessions, app sessions (access + rotating refresh token) and API tokens. It is the final judge of every
/// credential and defaults to deny. Every change a user can observe is durable before the call returns; when a
/// write fails the call throws <see cref="SessionStoreUnavailableException"/>, the grain stops answering from
/// memory and reloads from storage.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Creates the account. Called once, by the username grain that owns <paramref name="username"/>.</summary>
    /// <returns>Registered (with this user's id); Rejected when this user already exists or the inputs break
    /// <see cref="Accounts.AccountRules"/>; Busy when the password could not be hashed now (nothing was stored).</returns>
    Task<Accounts.RegistrationResult> InitializeAsync(string username, string password);

    /// <summary>Checks the password (throttled per account) and opens a browser or app session.</summary>
    Task<SignInResult> SignInAsync(string password, SignInRequest request);

    /// <summary>
    /// Judges a browser-session, access or API token, in memory, without I/O: the credential exists, the verifier
    /// matches, it is of the right kind, not expired (idle and absolute), and not from before the user's "not before".
    /// Interleaves with other calls: it only reads state, and every state change is made in memory before it is
    /// written, so a validation running beside a revocation sees the revocation early, never late.
    /// </summary>
    [AlwaysInterleave]
    ValueTask<ValidationResult> ValidateAsync(string token);

    /// <summary>
    /// Judges any token for RFC 7662 introspection: as <see cref="ValidateAsync"/> for browser-session, access and
    /// API tokens, and for a refresh token whether it is the session's current one (without using it up).
    /// In memory, without I/O.
    /// </summary>
    [AlwaysInterleave]
    ValueTask<ValidationResult> IntrospectAsync(string token);

    /// <summary>
    /// Rotates an app session's refresh token: the presented one stops working and a new access/refresh pair is
    /// returned, durably. A retry of the same refresh token inside the grace window gets the same pair; a rotated-out
    /// refresh token presented later revokes the whole session.
    /// </summary>
    Task<RefreshResult> RefreshAsync(string refreshToken);

    /// <summary>Ends one browser or app session (with its access and refresh tokens) on behalf of
    /// <paramref name="actor"/>: a session ending itself needs only to be live; any other needs
    /// <see cref="ApiTokenScopes.Sessions"/>.</summary>
    /// <returns><see cref="RevocationOutcome.NothingToRevoke"/> when there was no such session (ending twice is
    /// harmless); <see cref="RevocationOutcome.Denied"/>, changing nothing, when the actor may not.</returns>
    Task<RevocationOutcome> EndSessionAsync(Actor actor, string sessionId);

    /// <summary>Revokes one API token on behalf of <paramref name="actor"/>: a token revoking itself needs only
    /// <see cref="ApiTokenScopes.Authenticate"/>; any other revocation needs <see cref="ApiTokenScopes.Sessions"/>.</summary>
    /// <returns>As <see cref="EndSessionAsync"/>.</returns>
    Task<RevocationOutcome> RevokeApiTokenAsync(Actor actor, string tokenId);

    /// <summary>
    /// Revokes whatever credential <paramref name="token"/> is (RFC 7009): a browser, access or refresh token ends its
    /// session, an API token is revoked. Unknown or already revoked tokens are ignored.
    /// </summary>
    Task RevokeTokenAsync(string token);

    /// <summary>
    /// Revokes every credential of the user in one durable step (sessions, their access and refresh tokens, API tokens)
    /// and advances the user's "not before", on behalf of <paramref name="actor"/>, who needs
    /// <see cref="ApiTokenScopes.Sessions"/>. With <paramref name="keepCurrent"/>, a credential actor's own session or
    /// API token survives. Once this returns, the next request of every other client fails.
    /// </summary>
    /// <returns>What was revoked; null, changing nothing, when the actor may not.</returns>
    Task<SignOutEverywhereResult?> SignOutEverywhereAsync(Actor actor, bool keepCurrent);

    /// <summary>Creates an API token with <paramref name="scopes"/> (<see cref="ApiTokenScopes.Authenticate"/> is
    /// always added) on behalf of a live browser or app session.</summary>
    Task<ApiTokenResult> CreateApiTokenAsync(string actorSessionId, string name, TimeSpan? lifetime, ApiTokenScopes scopes);

    /// <summary>Lists live browser and app sessions for <paramref name="actor"/>, who needs
    /// <see cref="ApiTokenScopes.Sessions"/>; a credential actor's own session is marked current.</summary>
    /// <returns>The sessions; null when the actor may not see them.</returns>
    [ReadOnly]
    Task<SessionInfo[]?> ListSessionsAsync(Actor actor);

    /// <summary>Lists live API tokens for <paramref name="actor"/>, who needs <see cref="ApiTokenScopes.Sessions"/>.</summary>
    /// <returns>The tokens; null when the actor may not see them.</returns>
    [ReadOnly]
    Task<ApiTokenInfo[]?> ListApiTokensAsync(Actor actor);

    /// <summary>
    /// Changes the password on behalf of a live browser or app session, after checking the current one (a failure
    /// counts towards sign-in throttling), and signs out every other session.
    /// </summary>
    Task<PasswordChangeResult> ChangePasswordAsync(string actorSessionId, string currentPassword, string newPassword);

    /// <summary>Who this user is, or null when no account exists under this id.</summary>
    [ReadOnly]
    Task<AccountSummary?> GetAccountAsync();

    /// <summary>The most recent security events, newest last.</summary>
    [ReadOnly]
    Task<AuditEvent[]> GetAuditTrailAsync();

    /// <summary>
    /// Creates the account of a person who signs in through an identity provider: no password (password sign-in stays
    /// impossible until one is set), linked to <paramref name="identity"/> of provider <paramref name="providerName"/>.
    /// Called once, by the <see cref="Federation.IExternalIdentityGrain"/> of that identity, after the username grain
    /// of <paramref name="username"/> has been claimed for this user.
    /// </summary>
    /// <returns>Registered; Rejected when this user already exists or the username breaks the rules.</returns>
    Task<Accounts.RegistrationResult> InitializeFederatedAsync(string username, Federation.ExternalIdentity identity, string providerName);

    /// <summary>
    /// Opens a browser session for a sign-in verified with an identity provider whose identity is linked to this user,
    /// recording the provider, its session id (<c>sid</c>) and the authentication time on the session.
    /// </summary>
    /// <returns>SignedIn; Disabled when the account is disabled; InvalidCredentials when the identity is not linked to
    /// this user or no account exists. Nothing is issued unless SignedIn.</returns>
    Task<SignInResult> SignInFederatedAsync(Federation.FederatedSignIn request);

    /// <summary>
    /// Ends, in one durable write, the sessions created through provider <paramref name="providerName"/>: those of
    /// provider session <paramref name="providerSessionId"/>, or every one from that provider when it is null
    /// (a back-channel logout naming only <c>sub</c>). The actor must be that provider (or an operator).
    /// </summary>
    /// <returns>How many sessions ended, or null (nothing changed) when the actor may not.</returns>
    Task<int?> EndProviderSessionsAsync(Actor actor, string providerName, string? providerSessionId);

    /// <summary>
    /// Disables the account in one durable write: every credential is revoked (sessions, their access and refresh
    /// tokens, API tokens of non-human clients too) and every sign-in (password and federated), refresh and token
    /// creation is refused until <see cref="EnableAsync"/>. Allowed to an operator or a transmitter; audited.
    /// </summary>
    Task<LifecycleResult> DisableAsync(Actor actor);

    /// <summary>Enables a disabled account: sign-in works again; no credential revoked by the disable comes back.
    /// Allowed to an operator or a transmitter; audited.</summary>
    Task<LifecycleResult> EnableAsync(Actor actor);

    /// <summary>
    /// Deletes the account: revokes everything durably first, then releases its username and external identity links,
    /// then removes its stored state. Idempotent: a retry after a failure continues where it stopped. Allowed to an
    /// operator. A sign-in or refresh racing it never leaves a live credential.
    /// </summary>
    Task<LifecycleResult> DeleteAsync(Actor actor);

    /// <summary>Records an operator action that writes nothing itself (a read) in the audit trail, durably, before
    /// it is done; actions that change something audit their <see cref="Actor"/> in their own write.</summary>
    Task RecordAdminActionAsync(string description);
}
