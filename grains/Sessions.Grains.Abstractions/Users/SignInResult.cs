namespace Sessions.Grains.Abstractions.Users;

/// <summary>How a sign-in attempt ended.</summary>
public enum SignInOutcome : byte
{
    /// <summary>The password matched; <see cref="SignInResult.Session"/> is set.</summary>
    SignedIn = 1,

    /// <summary>Unknown user or wrong password; the two are indistinguishable on purpose.</summary>
    InvalidCredentials = 2,

    /// <summary>Too many consecutive failures; no password was checked. See <see cref="SignInResult.RetryAfter"/>.</summary>
    Throttled = 3,

    /// <summary>Every password-hashing slot and its queue were taken: no password was checked and nothing was
    /// counted, for a known and an unknown username alike. See <see cref="SignInResult.RetryAfter"/>.</summary>
    Busy = 4,

    /// <summary>The account is disabled (an operator or a provider's signal): nothing was issued. Only federated
    /// sign-in reports it (the person has proved who they are to the provider); password sign-in answers
    /// <see cref="InvalidCredentials"/> for a disabled account, as for any other failure.</summary>
    Disabled = 5,
}

/// <summary>The result of a sign-in attempt.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Session">The new session when signed in.</param>
/// <param name="RetryAfter">When throttled or busy, how long until the next attempt is considered.</param>
[GenerateSerializer, Immutable, Alias("sg.SignInResult")]
public sealed record SignInResult(
    [property: Id(0)] SignInOutcome Outcome,
    [property: Id(1)] IssuedSession? Session = null,
    [property: Id(2)] TimeSpan? RetryAfter = null)
{
    /// <summary>The uniform failure.</summary>
    public static readonly SignInResult Invalid = new(SignInOutcome.InvalidCredentials);

    /// <summary>A sign-in refused because the account is disabled.</summary>
    public static readonly SignInResult AccountDisabled = new(SignInOutcome.Disabled);

    /// <summary>A throttled attempt.</summary>
    public static SignInResult Throttled(TimeSpan retryAfter) => new(SignInOutcome.Throttled, null, retryAfter);

    /// <summary>An attempt that found every password-hashing slot taken.</summary>
    public static SignInResult Busy(TimeSpan retryAfter) => new(SignInOutcome.Busy, null, retryAfter);
}
