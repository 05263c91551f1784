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

    /// <summary>Ends one browser or app session (with its access and refresh tokens).</summary>
    /// <returns>True when a live session was ended; false when there was none (ending twice is harmless).</returns>
    Task<bool> EndSessionAsync(string sessionId);

    /// <summary>Revokes one API token.</summary>
    /// <returns>True when a live token was revoked; false when there was none.</returns>
    Task<bool> RevokeApiTokenAsync(string tokenId);

    /// <summary>
    /// Revokes whatever credential <paramref name="token"/> is (RFC 7009): a browser, access or refresh token ends its
    /// session, an API token is revoked. Unknown or already revoked tokens are ignored.
    /// </summary>
    Task RevokeTokenAsync(string token);

    /// <summary>
    /// Revokes every credential of the user in one durable step (sessions, their access and refresh tokens, API tokens)
    /// and advances the user's "not before". When <paramref name="keepCredentialId"/> names a live session or API
    /// token (the caller's own), that one survives. Once this returns, the next request of every other client fails.
    /// </summary>
    Task<SignOutEverywhereResult> SignOutEverywhereAsync(string? keepCredentialId);

    /// <summary>Creates an API token on behalf of a live browser or app session.</summary>
    Task<ApiTokenResult> CreateApiTokenAsync(string actorSessionId, string name, TimeSpan? lifetime);

    /// <summary>Lists live browser and app sessions, marking <paramref name="currentSessionId"/> as current.</summary>
    [ReadOnly]
    Task<SessionInfo[]> ListSessionsAsync(string? currentSessionId);

    /// <summary>Lists live API tokens.</summary>
    [ReadOnly]
    Task<ApiTokenInfo[]> ListApiTokensAsync();

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

    /// <summary>Records an operator action in the audit trail (durably).</summary>
    Task RecordAdminActionAsync(string description);
}
