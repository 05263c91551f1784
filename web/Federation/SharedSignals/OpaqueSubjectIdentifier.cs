namespace Sessions.Web.Federation.SharedSignals;

/// <summary>Format <c>opaque</c> (RFC 9493 §3.2.4): an id both sides agree on, such as a grid user id or session id.</summary>
/// <param name="Id">The <c>id</c> member.</param>
public sealed record OpaqueSubjectIdentifier(string Id) : SubjectIdentifier(SubjectIdentifiers.Opaque);
