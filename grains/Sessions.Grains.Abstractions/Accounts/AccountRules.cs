namespace Sessions.Grains.Abstractions.Accounts;

/// <summary>
/// What a username and a password may be. Front ends check these to answer 400 early; grains check them again.
/// </summary>
public static class AccountRules
{
    /// <summary>Shortest username.</summary>
    public const int MinUsernameLength = 3;

    /// <summary>Longest username (it is a grain key and a database key).</summary>
    public const int MaxUsernameLength = 64;

    /// <summary>Shortest password (NIST SP 800-63B: at least 8).</summary>
    public const int MinPasswordLength = 8;

    /// <summary>Longest password: generous for passphrases (NIST asks for at least 64), bounded so hashing cost is too.</summary>
    public const int MaxPasswordLength = 256;

    /// <summary>The rule in words, for error messages.</summary>
    public const string UsernameRule =
        "A username is 3 to 64 characters: letters a-z, digits, and . _ - @ (case does not matter).";

    /// <summary>The rule in words, for error messages.</summary>
    public const string PasswordRule = "A password is 8 to 256 characters.";

    /// <summary>
    /// Normalises a username to its canonical form (lower-case ASCII), which is what makes it unique.
    /// Non-ASCII letters are refused rather than folded, so look-alike names cannot coexist.
    /// </summary>
    public static bool TryNormalizeUsername(string? input, out string normalized)
    {
        normalized = string.Empty;
        if (input is null || input.Length is < MinUsernameLength or > MaxUsernameLength)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[input.Length];
        for (var i = 0; i < input.Length; i++)
        {
            var c = char.ToLowerInvariant(input[i]);
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-' or '@'))
            {
                return false;
            }

            buffer[i] = c;
        }

        normalized = new string(buffer);
        return true;
    }

    /// <summary>Whether a password meets the length rule. Any characters are allowed (NIST SP 800-63B).</summary>
    public static bool IsAcceptablePassword(string? password) =>
        password is not null && password.Length is >= MinPasswordLength and <= MaxPasswordLength;
}
