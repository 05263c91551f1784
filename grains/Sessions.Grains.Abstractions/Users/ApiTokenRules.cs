namespace Sessions.Grains.Abstractions.Users;

/// <summary>
/// What an API token's name, lifetime and scopes may be. Front ends check these to answer 400 early; the user grain
/// checks them again, against the configured maximum lifetime, which may never exceed <see cref="MaxLifetimeDays"/>.
/// </summary>
public static class ApiTokenRules
{
    /// <summary>Longest name, in characters (after trimming).</summary>
    public const int MaxNameLength = 64;

    /// <summary>The ceiling of any API token lifetime, in days (ten years): <c>Sessions:ApiTokenMaxLifetime</c> is
    /// refused above it, so a request beyond it can be refused before any grain is asked.</summary>
    public const int MaxLifetimeDays = 3650;

    /// <summary>The name rule in words, for error messages.</summary>
    public const string NameRule =
        "name is 1 to 64 characters that display as themselves: no control, format (such as bidirectional overrides), " +
        "separator, private-use or unassigned characters.";

    /// <summary>What a new token may do when its creator names no scope: prove who it is, nothing more — least
    /// privilege for non-human clients (docs/threat-model.md, B25).</summary>
    public const ApiTokenScopes DefaultScopes = ApiTokenScopes.Authenticate;

    /// <summary>Every scope there is: what browser and app sessions hold, and what a token stored before scopes existed
    /// was issued with (it keeps those powers rather than silently breaking deployed automation; its owner sees them in
    /// the list and can revoke it).</summary>
    public const ApiTokenScopes EveryScope = ApiTokenScopes.Authenticate | ApiTokenScopes.Sessions;

    /// <summary>The trimmed name when it is acceptable: 1 to <see cref="MaxNameLength"/> characters, every one of them
    /// displayable (<see cref="DisplayText"/>).</summary>
    public static bool TryNormalizeName(string? input, out string name)
    {
        name = input?.Trim() ?? string.Empty;
        return name.Length is > 0 and <= MaxNameLength && DisplayText.IsDisplayable(name);
    }

    /// <summary>Whether a requested lifetime in days is within the absolute bounds (1 to <see cref="MaxLifetimeDays"/>);
    /// the grain also holds it to the configured maximum.</summary>
    public static bool IsWithinCeiling(int days) => days is >= 1 and <= MaxLifetimeDays;

    /// <summary>The scopes a new token gets for <paramref name="requested"/>: <see cref="ApiTokenScopes.Authenticate"/>
    /// always included; false when anything outside <see cref="EveryScope"/> is asked for.</summary>
    public static bool TryNormalizeScopes(ApiTokenScopes requested, out ApiTokenScopes scopes)
    {
        scopes = requested | ApiTokenScopes.Authenticate;
        return (requested & ~EveryScope) == 0;
    }
}
