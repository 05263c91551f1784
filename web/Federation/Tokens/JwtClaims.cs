using System.Text.Json;

namespace Sessions.Web.Federation.Tokens;

/// <summary>Typed reads of JWT members (RFC 7519 §2: NumericDate is seconds since the epoch, possibly fractional).</summary>
internal static class JwtClaims
{
    // 9999-12-31T23:59:59Z, the last second DateTimeOffset can hold.
    private const double MaxNumericDate = 253_402_300_799;

    /// <summary>Whether <paramref name="name"/> is present at all.</summary>
    public static bool Has(JsonElement json, string name) => json.TryGetProperty(name, out _);

    /// <summary>The string member <paramref name="name"/>; null when absent or not a string (then
    /// <paramref name="wrongType"/> says which).</summary>
    public static string? String(JsonElement json, string name, out bool wrongType)
    {
        wrongType = false;
        if (!json.TryGetProperty(name, out var value))
        {
            return null;
        }

        wrongType = value.ValueKind != JsonValueKind.String;
        return wrongType ? null : value.GetString();
    }

    /// <summary>The NumericDate member <paramref name="name"/>; null when absent or not a date (then
    /// <paramref name="wrongType"/> says which).</summary>
    public static DateTimeOffset? Time(JsonElement json, string name, out bool wrongType)
    {
        wrongType = false;
        if (!json.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var seconds) || !double.IsFinite(seconds)
            || seconds < 0 || seconds > MaxNumericDate)
        {
            wrongType = true;
            return null;
        }

        return DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(seconds));
    }
}
