namespace Sessions.Grains.Abstractions.Accounts;

/// <summary>How a registration ended.</summary>
public enum RegistrationOutcome : byte
{
    /// <summary>The account exists now; <see cref="RegistrationResult.UserId"/> is set.</summary>
    Registered = 1,

    /// <summary>Someone holds this username already.</summary>
    UsernameTaken = 2,

    /// <summary>The username or password does not meet the rules in <see cref="AccountRules"/>.</summary>
    Rejected = 3,

    /// <summary>Every password-hashing slot and its queue were taken; nothing was created or claimed. See
    /// <see cref="RegistrationResult.RetryAfter"/>.</summary>
    Busy = 4,
}

/// <summary>The result of a registration.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="UserId">The new user's id when registered.</param>
/// <param name="RetryAfter">When busy, how long to wait before retrying.</param>
[GenerateSerializer, Immutable, Alias("sg.RegistrationResult")]
public sealed record RegistrationResult(
    [property: Id(0)] RegistrationOutcome Outcome,
    [property: Id(1)] string? UserId = null,
    [property: Id(2)] TimeSpan? RetryAfter = null)
{
    /// <summary>A registration that found every password-hashing slot taken.</summary>
    public static RegistrationResult Busy(TimeSpan retryAfter) => new(RegistrationOutcome.Busy, null, retryAfter);
}
