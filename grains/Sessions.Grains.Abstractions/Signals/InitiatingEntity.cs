namespace Sessions.Grains.Abstractions.Signals;

/// <summary>Who caused a signal, as CAEP's <c>initiating_entity</c> names it. Values are a storage contract: extend
/// only, never renumber.</summary>
public enum InitiatingEntity : byte
{
    /// <summary>Unknown; sent as <c>system</c>.</summary>
    None = 0,

    /// <summary>The user, with one of their own credentials (<c>user</c>).</summary>
    User = 1,

    /// <summary>An operator, through the admin API (<c>admin</c>).</summary>
    Admin = 2,

    /// <summary>A rule of the grid: the session limit, a refresh token's reuse (<c>policy</c>).</summary>
    Policy = 3,

    /// <summary>The grid itself or another system: an identity provider, a transmitter (<c>system</c>).</summary>
    System = 4,
}
