namespace Sessions.Web.Federation.SharedSignals;

/// <summary>A well-formed identifier in a format the grid does not resolve (<c>phone_number</c>, <c>account</c>,
/// <c>did</c>, <c>uri</c>, <c>aliases</c>, or one not yet registered).</summary>
/// <param name="Format">The <c>format</c> member as sent.</param>
public sealed record UnsupportedSubjectIdentifier(string Format) : SubjectIdentifier(Format);
