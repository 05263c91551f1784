namespace Sessions.Grains.Accounts;

/// <summary>What a password check through the <see cref="Abuse.PasswordHashGate"/> found.</summary>
public enum PasswordVerdict : byte
{
    /// <summary>The password matched.</summary>
    Matched = 1,

    /// <summary>The password did not match (or the account does not exist: the decoy never matches).</summary>
    Mismatched = 2,

    /// <summary>Every hashing slot and the queue were taken; nothing was checked.</summary>
    Busy = 3,
}

/// <summary>The answer of a password check.</summary>
/// <param name="Verdict">What it found.</param>
/// <param name="NewHash">When matched, a hash to store instead of the old one: the replacement password's, or the
/// same password's at the current cost when the stored hash is out of date; null when the stored one stays.</param>
public readonly record struct PasswordCheck(PasswordVerdict Verdict, string? NewHash = null)
{
    /// <summary>Nothing was checked: the gate was full.</summary>
    public static PasswordCheck Busy => new(PasswordVerdict.Busy);

    /// <summary>The password did not match.</summary>
    public static PasswordCheck Mismatched => new(PasswordVerdict.Mismatched);
}
