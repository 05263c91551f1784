namespace Sessions.Web.Federation.SharedSignals;

/// <summary>Format <c>iss_sub</c> (RFC 9493 §3.2.3): a subject at an issuer, such as a linked external identity.</summary>
/// <param name="Issuer">The <c>iss</c> member.</param>
/// <param name="Subject">The <c>sub</c> member.</param>
public sealed record IssuerSubjectIdentifier(string Issuer, string Subject) : SubjectIdentifier(SubjectIdentifiers.IssuerSubject);
