using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Sessions.Web.Federation.SharedSignals;

/// <summary>Parses subject identifiers (RFC 9493) from <c>sub_id</c> members and bodies: a JSON object with a string
/// <c>format</c> and that format's string members. Strict: a wrong type, an empty or overlong value is no identifier.</summary>
public static class SubjectIdentifiers
{
    /// <summary>RFC 9493 §3.2.3.</summary>
    public const string IssuerSubject = "iss_sub";

    /// <summary>RFC 9493 §3.2.4.</summary>
    public const string Opaque = "opaque";

    /// <summary>RFC 9493 §3.2.2.</summary>
    public const string Email = "email";

    /// <summary>SSF 1.0 §3.2.</summary>
    public const string Complex = "complex";

    /// <summary>The longest member value read.</summary>
    public const int MaxValueLength = 1024;

    /// <summary>Parses <paramref name="json"/>; false when it is not a well-formed identifier. A well-formed one in a
    /// format we do not resolve is an <see cref="UnsupportedSubjectIdentifier"/> (the caller answers 422, or ignores it).</summary>
    public static bool TryParse(JsonElement json, [NotNullWhen(true)] out SubjectIdentifier? subject)
    {
        subject = Read(json, allowComplex: true);
        return subject is not null;
    }

    private static SubjectIdentifier? Read(JsonElement json, bool allowComplex)
    {
        if (json.ValueKind != JsonValueKind.Object || Member(json, "format") is not { } format)
        {
            return null;
        }

        return format switch
        {
            IssuerSubject => Member(json, "iss") is { } iss && Member(json, "sub") is { } sub ? new IssuerSubjectIdentifier(iss, sub) : null,
            Opaque => Member(json, "id") is { } id ? new OpaqueSubjectIdentifier(id) : null,
            Email => Member(json, "email") is { } email ? new EmailSubjectIdentifier(email) : null,
            Complex => allowComplex ? ReadComplex(json) : null,
            _ => new UnsupportedSubjectIdentifier(format),
        };
    }

    // Every member but format is a part, itself a simple identifier; at least one part.
    private static ComplexSubjectIdentifier? ReadComplex(JsonElement json)
    {
        SubjectIdentifier? user = null, session = null;
        var others = new List<string>();
        foreach (var member in json.EnumerateObject().Where(m => m.Name != "format"))
        {
            if (Read(member.Value, allowComplex: false) is not { } part)
            {
                return null;
            }

            switch (member.Name)
            {
                case "user": user = part; break;
                case "session": session = part; break;
                default: others.Add(member.Name); break;
            }
        }

        return user is null && session is null && others.Count == 0 ? null : new ComplexSubjectIdentifier(user, session, others);
    }

    private static string? Member(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && value.GetString() is { Length: > 0 and <= MaxValueLength } text
            ? text
            : null;
}
