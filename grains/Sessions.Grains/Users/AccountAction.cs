namespace Sessions.Grains.Users;

/// <summary>What a provider, a transmitter or an operator asks of a user grain beyond session management
/// (<see cref="UserGrain"/>, <c>MayAct</c>): the permission table of docs/architecture.md, "Who may manage sessions".</summary>
internal enum AccountAction
{
    /// <summary>Every credential revoked at once.</summary>
    SignOutEverywhere,

    /// <summary>One session ended by id.</summary>
    EndSession,

    /// <summary>The sessions that came from one provider (or one provider session) ended.</summary>
    EndProviderSessions,

    /// <summary>The account disabled.</summary>
    Disable,

    /// <summary>The account enabled again.</summary>
    Enable,

    /// <summary>The account deleted.</summary>
    Delete,
}
