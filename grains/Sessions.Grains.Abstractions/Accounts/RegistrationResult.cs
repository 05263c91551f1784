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
}

/// <summary>The result of a registration.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="UserId">The new user's id when registered.</param>
[GenerateSerializer, Immutable, Alias("sg.RegistrationResult")]
public sealed record RegistrationResult(
    [property: Id(0)] RegistrationOutcome Outcome,
    [property: Id(1)] string? UserId = null);
