using System.Text.Json;

namespace Sessions.Web.Federation.SharedSignals;

/// <summary>A valid security event token's facts (RFC 8417; RFC 8935 push; SSF 1.0, CAEP and RISC events).</summary>
/// <param name="TransmitterName">The configured transmitter it came from (chosen by its <c>iss</c>).</param>
/// <param name="Issuer">Its <c>iss</c>.</param>
/// <param name="EventType">The one member of <c>events</c>: the event type URI (e.g.
/// <c>https://schemas.openid.net/secevent/caep/event-type/session-revoked</c>).</param>
/// <param name="Event">That member's value, a JSON object (detached from the token).</param>
/// <param name="Subject">The subject: the top-level <c>sub_id</c>, or else the event's <c>subject</c>.</param>
/// <param name="Jti">Its token id, to check and record in the replay record (<c>IReplayRecordGrain</c>).</param>
/// <param name="IssuedAt">Its <c>iat</c>.</param>
/// <param name="KeepUntil">How long to keep <paramref name="Jti"/> in the replay record: after this the token is
/// refused by its age alone.</param>
public sealed record SecurityEvent(
    string TransmitterName,
    string Issuer,
    string EventType,
    JsonElement Event,
    SubjectIdentifier Subject,
    string Jti,
    DateTimeOffset IssuedAt,
    DateTimeOffset KeepUntil);
