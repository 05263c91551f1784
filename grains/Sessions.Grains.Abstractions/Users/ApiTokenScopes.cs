namespace Sessions.Grains.Abstractions.Users;

/// <summary>
/// What an API token may do besides being itself (docs/threat-model.md, B25). A token gets
/// <see cref="ApiTokenRules.DefaultScopes"/> unless its creator asks for more; browser and app sessions hold
/// <see cref="ApiTokenRules.EveryScope"/>. The wire names are <see cref="ApiTokenScopeNames"/>. The values are stored
/// with each token: extend only, never renumber.
/// </summary>
[Flags]
public enum ApiTokenScopes
{
    /// <summary>No scope: what a token stored before scopes existed reads back as (it holds
    /// <see cref="ApiTokenRules.EveryScope"/>, the powers it was issued with).</summary>
    None = 0,

    /// <summary>Prove who you are: <c>/auth/me</c>, <c>/auth/check</c>, introspection, and ending this very token
    /// (<c>POST /auth/logout</c>). Every credential holds it.</summary>
    Authenticate = 1,

    /// <summary>Manage the user's sessions: list them and the API tokens (devices, addresses), end sessions, revoke
    /// other API tokens, sign out everywhere.</summary>
    Sessions = 2,
}
