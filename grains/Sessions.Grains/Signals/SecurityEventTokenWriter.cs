using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Sessions.Grains.Abstractions.Signals;

namespace Sessions.Grains.Signals;

/// <summary>
/// Writes one Security Event Token (RFC 8417) per signal: <c>typ</c> <c>secevent+jwt</c>, signed with the active key
/// (its <c>kid</c> in the header), <c>iss</c>, <c>aud</c>, <c>iat</c> (when signed: a retried token is not stale to a
/// receiver that bounds the age), the signal's stable <c>jti</c>, <c>sub_id</c> (RFC 9493) and exactly one event.
/// No <c>exp</c> and no <c>sub</c>: RFC 8417 §2.2 and Shared Signals 1.0 use <c>sub_id</c>.
/// </summary>
internal sealed class SecurityEventTokenWriter(SignalSigningKeys keys)
{
    /// <summary>The media type and <c>typ</c> of a Security Event Token.</summary>
    public const string MediaType = "application/secevent+jwt";

    private const string TokenType = "secevent+jwt";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <exception cref="InvalidOperationException">No signing key (receivers need one; the options make sure of it).</exception>
    public string Write(SecuritySignal signal, string issuer, string audience, DateTimeOffset now)
    {
        var key = keys.Active ?? throw new InvalidOperationException("No signing key is configured for security events.");
        var descriptor = new SecurityTokenDescriptor
        {
            TokenType = TokenType,
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            SigningCredentials = key.Credentials,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [JwtRegisteredClaimNames.Jti] = signal.Jti,
                ["sub_id"] = SubjectOf(signal),
                ["events"] = new Dictionary<string, object> { [SignalEvents.TypeOf(signal.Kind)] = EventOf(signal) },
            },
        };
        return _handler.CreateToken(descriptor);
    }

    /// <summary>The user as an <c>opaque</c> identifier; a single session as a <c>complex</c> one naming the user
    /// and that session (Shared Signals 1.0 §3.2), so a receiver can end that session alone.</summary>
    private static Dictionary<string, object> SubjectOf(SecuritySignal signal)
    {
        var user = Opaque(signal.UserId);
        if (signal is { Kind: SignalKind.SessionRevoked, SessionId: { } session })
        {
            return new Dictionary<string, object> { ["format"] = "complex", ["user"] = user, ["session"] = Opaque(session) };
        }

        return user;
    }

    private static Dictionary<string, object> Opaque(string id) => new() { ["format"] = "opaque", ["id"] = id };

    private static Dictionary<string, object> EventOf(SecuritySignal signal)
    {
        var caep = new Dictionary<string, object>
        {
            ["event_timestamp"] = signal.OccurredAt.ToUnixTimeSeconds(),
            ["initiating_entity"] = InitiatingEntityName(signal.Initiator),
        };
        switch (signal.Kind)
        {
            case SignalKind.SessionRevoked or SignalKind.SignedOutEverywhere:
                return caep;
            case SignalKind.PasswordChanged:
                caep["credential_type"] = "password";
                caep["change_type"] = "update";
                return caep;
            case SignalKind.ApiTokenRevoked:
                // CAEP's credential types name no API token; its list is open, and this value is documented (README).
                caep["credential_type"] = "api-token";
                caep["change_type"] = "revoke";
                return caep;
            default:
                return [];   // RISC account events carry no member the grid can fill
        }
    }

    private static string InitiatingEntityName(InitiatingEntity entity) => entity switch
    {
        InitiatingEntity.User => "user",
        InitiatingEntity.Admin => "admin",
        InitiatingEntity.Policy => "policy",
        _ => "system",
    };
}
