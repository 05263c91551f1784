namespace Sessions.Web.Federation.SharedSignals;

/// <summary>Format <c>complex</c> (SSF 1.0 §3.2): a subject made of parts; here the <c>user</c> and the <c>session</c>
/// (other parts are kept by name only). Each part is a simple identifier.</summary>
/// <param name="User">The <c>user</c> member, when present.</param>
/// <param name="Session">The <c>session</c> member, when present.</param>
/// <param name="OtherParts">The names of any other members that are parts (<c>device</c>, <c>tenant</c>, …).</param>
public sealed record ComplexSubjectIdentifier(SubjectIdentifier? User, SubjectIdentifier? Session, IReadOnlyList<string> OtherParts)
    : SubjectIdentifier(SubjectIdentifiers.Complex);
