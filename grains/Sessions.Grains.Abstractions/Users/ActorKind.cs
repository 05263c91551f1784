namespace Sessions.Grains.Abstractions.Users;

/// <summary>
/// Who asks a user grain to read or change the user's sessions (<see cref="Actor"/>). Values are a wire contract:
/// extend only, never renumber. Kinds to come take the next values (a federated identity provider, a Shared Signals
/// transmitter, the grid itself); a grain that does not know a kind denies it.
/// </summary>
public enum ActorKind : byte
{
    /// <summary>Not an actor; the default value, always denied.</summary>
    None = 0,

    /// <summary>One of the user's own credentials, by id: a browser or app session (which holds every scope) or an
    /// API token (which holds the <see cref="ApiTokenScopes"/> it was created with).</summary>
    Credential = 1,

    /// <summary>An operator, by the name of the operator key the front end authenticated (<c>/admin</c>); what it
    /// changes is audited under that name.</summary>
    Operator = 2,

    /// <summary>A configured OpenID Connect provider, by its name under <c>Sessions:Federation:Providers</c>: its
    /// back-channel logout or global token revocation. It may end the sessions it created and, when configured
    /// (<c>OnProviderLogout=Everywhere</c>) or by global token revocation, sign the user out everywhere; audited under its name.</summary>
    Provider = 3,

    /// <summary>A configured Shared Signals transmitter, by its name under <c>Sessions:Federation:Transmitters</c>:
    /// a security event it pushed. It may sign the user out everywhere, end one session, and disable or enable the
    /// account; audited under its name.</summary>
    Transmitter = 4,
}
