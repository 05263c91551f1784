using System.Buffers;
using System.Globalization;
using System.Text;

namespace Sessions.Grains.Abstractions.Users;

/// <summary>
/// The one rule for text a person reads as it was given — a device's or an API token's name, a recorded User-Agent:
/// every character must show as itself. Refused are control characters (Cc), format characters (Cf: the bidirectional
/// embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069, which make a name display reversed or out of
/// order; the zero-width U+200B–U+200F; U+FEFF), line and paragraph separators (Zl, Zp), private-use (Co) and
/// unassigned (Cn) code points, and lone surrogates (docs/threat-model.md, B24). Categories are .NET's Unicode tables.
/// </summary>
public static class DisplayText
{
    /// <summary>Whether every character of <paramref name="text"/> displays as itself.</summary>
    public static bool IsDisplayable(string text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done || !Shows(rune))
            {
                return false;
            }

            rest = rest[used..];
        }

        return true;
    }

    /// <summary>The characters of <paramref name="text"/> that display as themselves, at most
    /// <paramref name="maxLength"/> UTF-16 code units (never half a surrogate pair), trimmed; null when none is left.
    /// For text recorded for display only, where dropping is kinder than refusing (a User-Agent).</summary>
    public static string? Displayable(string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var kept = new StringBuilder(Math.Min(text.Length, maxLength));
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var status = Rune.DecodeFromUtf16(rest, out var rune, out var used);
            var character = rest[..used];
            rest = rest[used..];
            if (status != OperationStatus.Done || !Shows(rune))
            {
                continue;
            }

            if (kept.Length + used > maxLength)
            {
                break;
            }

            kept.Append(character);
        }

        var displayable = kept.ToString().Trim();
        return displayable.Length == 0 ? null : displayable;
    }

    private static bool Shows(Rune rune) => Rune.GetUnicodeCategory(rune) is not (
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
        or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
        or UnicodeCategory.Surrogate);
}
