using System.Diagnostics.CodeAnalysis;

namespace Sessions.Grains.Abstractions.Users;

/// <summary>The ids of users, sessions and API tokens: random GUIDs, written as 32 lower-case hex digits. Every id
/// the grid hands out or accepts is formatted and parsed here.</summary>
public static class GridIds
{
    /// <summary>The canonical text form of an id.</summary>
    public static string Format(Guid id) => id.ToString("N");

    /// <summary>Parses the canonical text form only (exactly 32 hex digits, not empty).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Guid id)
    {
        id = Guid.Empty;
        return text is { Length: 32 } && Guid.TryParseExact(text, "N", out id) && id != Guid.Empty;
    }
}
