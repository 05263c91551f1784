namespace Sessions.Grains.Abstractions.Users;

/// <summary>
/// What an API token's name and lifetime may be. Front ends check these to answer 400 early; the user grain checks
/// them again, against the configured maximum lifetime, which may never exceed <see cref="MaxLifetimeDays"/>.
/// </summary>
public static class ApiTokenRules
{
    /// <summary>Longest name, in characters (after trimming).</summary>
    public const int MaxNameLength = 64;

    /// <summary>The ceiling of any API token lifetime, in days (ten years): <c>Sessions:ApiTokenMaxLifetime</c> is
    /// refused above it, so a request beyond it can be refused before any grain is asked.</summary>
    public const int MaxLifetimeDays = 3650;

    /// <summary>The name rule in words, for error messages.</summary>
    public const string NameRule = "name is 1 to 64 printable characters.";

    /// <summary>The trimmed name when it is acceptable: 1 to <see cref="MaxNameLength"/> characters, none of them a
    /// control character.</summary>
    public static bool TryNormalizeName(string? input, out string name)
    {
        name = input?.Trim() ?? string.Empty;
        return name.Length is > 0 and <= MaxNameLength && !name.Any(char.IsControl);
    }

    /// <summary>Whether a requested lifetime in days is within the absolute bounds (1 to <see cref="MaxLifetimeDays"/>);
    /// the grain also holds it to the configured maximum.</summary>
    public static bool IsWithinCeiling(int days) => days is >= 1 and <= MaxLifetimeDays;
}
