using System.Diagnostics.CodeAnalysis;

namespace Sessions.Grains.Abstractions.Users;

/// <summary>User, session and token ids: random GUIDs, written as 32 lower-case hex digits.</summary>
public static class UserIds
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
