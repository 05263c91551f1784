namespace Sessions.Web.Federation.SharedSignals;

/// <summary>Format <c>email</c> (RFC 9493 §3.2.2).</summary>
/// <param name="Email">The <c>email</c> member.</param>
public sealed record EmailSubjectIdentifier(string Email) : SubjectIdentifier(SubjectIdentifiers.Email);
