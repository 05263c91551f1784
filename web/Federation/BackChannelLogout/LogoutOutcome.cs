namespace Sessions.Web.Federation.BackChannelLogout;

/// <summary>How a valid logout token was received (<see cref="ProviderLogout.ReceiveAsync"/>).</summary>
public enum LogoutOutcome
{
    /// <summary>What it names has ended, durably, and its jti is recorded: answer 200.</summary>
    Done = 1,

    /// <summary>Its jti was used before: nothing was done; answer 400.</summary>
    Replayed = 2,

    /// <summary>It could not be made durable (or its jti recorded): nothing may be acknowledged; answer 503, and the
    /// provider's retry redoes it.</summary>
    Unavailable = 3,
}
