namespace Sessions.Grains.Abstractions.Abuse;

/// <summary>What a client asks that costs a password hash, and so is limited per client network.</summary>
public enum ClientAttempt : byte
{
    /// <summary><c>POST /auth/login</c>: limited by <c>Sessions:Abuse:SignInsPerMinutePerAddress</c>.</summary>
    SignIn = 1,

    /// <summary><c>POST /auth/register</c>, whatever its outcome: limited by
    /// <c>Sessions:Abuse:RegistrationsPerHourPerAddress</c>.</summary>
    Registration = 2,
}
