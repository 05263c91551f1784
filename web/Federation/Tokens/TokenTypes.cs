namespace Sessions.Web.Federation.Tokens;

/// <summary>Compares a <c>typ</c> header with an expected media type, as RFC 7515 §4.1.9 says: case-insensitively, and
/// with the <c>application/</c> prefix optional.</summary>
internal static class TokenTypes
{
    /// <summary>Whether <paramref name="typ"/> is <paramref name="expected"/> (e.g. <c>logout+jwt</c>).</summary>
    public static bool Is(string? typ, string expected) =>
        typ is not null
        && (string.Equals(typ, expected, StringComparison.OrdinalIgnoreCase)
            || string.Equals(typ, "application/" + expected, StringComparison.OrdinalIgnoreCase));
}
