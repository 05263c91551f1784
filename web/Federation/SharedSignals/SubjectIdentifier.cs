namespace Sessions.Web.Federation.SharedSignals;

/// <summary>A subject identifier (RFC 9493; SSF 1.0 §3.2 for <c>complex</c>), parsed by
/// <see cref="SubjectIdentifiers.TryParse"/> into one of the formats below.</summary>
/// <param name="Format">The <c>format</c> member as sent.</param>
public abstract record SubjectIdentifier(string Format);
