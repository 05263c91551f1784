using System.Text.Json;
using Microsoft.Extensions.Options;
using Sessions.Grains.Abstractions.Federation;
using Sessions.Grains.Hosting;
using Sessions.Web.Federation.Keys;
using Sessions.Web.Federation.Tokens;

namespace Sessions.Web.Federation.SharedSignals;

/// <summary>
/// Validates a security event token pushed by a transmitter (RFC 8417 §2, RFC 8935 §2): <c>typ</c>
/// <c>secevent+jwt</c>, <c>iss</c> a configured transmitter, signed by a key in its JWKS with an asymmetric algorithm,
/// <c>aud</c> its configured audience, <c>iat</c> within <see cref="FederationOptions.SecurityEventMaxAge"/>,
/// <c>exp</c> honoured, a <c>jti</c>, exactly one event (an object) and a subject identifier. Refusals map to RFC 8935
/// error codes through <see cref="SecurityEventErrors.For"/>. It does not consult the replay record: the caller checks
/// and records <see cref="SecurityEvent.Jti"/>.
/// </summary>
public sealed class SecurityEventTokenValidator(
    FederationIssuers issuers,
    IOptions<FederationOptions> options,
    [FromKeyedServices(SessionGrid.ClockKey)] TimeProvider time,
    ILogger<SecurityEventTokenValidator> logger)
{
    /// <summary>The <c>typ</c> a SET must carry (RFC 8417 §2.3).</summary>
    public const string MediaType = "secevent+jwt";

    /// <summary>Validates <paramref name="token"/>, the request body.</summary>
    public async Task<FederationTokenResult<SecurityEvent>> ValidateAsync(string? token, CancellationToken cancellationToken)
    {
        if (UnverifiedJwt.TryRead(token) is not { } jwt)
        {
            return Refused("an unknown transmitter", new(TokenFailureReason.Malformed, "The body is not a signed JWT."));
        }

        if (!issuers.TryGetTransmitterByIssuer(jwt.Issuer, out var transmitter))
        {
            return Refused("an unknown transmitter", new(TokenFailureReason.UnknownIssuer, "The SET's iss is not a configured transmitter."));
        }

        var settings = options.Value;
        var failure = SignedJwtReader.CheckHeader(jwt)
            ?? CheckType(jwt)
            ?? await SignedJwtReader.VerifyAsync(jwt, transmitter.Keys, transmitter.Issuer, [transmitter.Options.Audience], cancellationToken)
            ?? JwtLifetime.Check(jwt.Payload, time.GetUtcNow(), settings.ClockSkew, settings.SecurityEventMaxAge, maxAhead: null);
        SecurityEvent? securityEvent = null;
        failure ??= Read(transmitter, jwt.Payload, settings, out securityEvent);
        return failure is null ? new(securityEvent!) : Refused(transmitter.Name, failure);
    }

    private static TokenFailure? CheckType(UnverifiedJwt jwt) =>
        TokenTypes.Is(jwt.Type, MediaType) ? null : new(TokenFailureReason.WrongType, "The SET's typ must be secevent+jwt.");

    private static TokenFailure? Read(FederationTransmitter transmitter, JsonElement payload, FederationOptions settings, out SecurityEvent? securityEvent)
    {
        securityEvent = null;
        var jti = JwtClaims.String(payload, "jti", out _);
        if (jti is not { Length: > 0 and <= ReplayRecords.MaxJtiLength })
        {
            return new(TokenFailureReason.MissingClaim, "The SET has no jti (a string of 1 to 256 characters).");
        }

        if (!payload.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Object
            || events.EnumerateObject().ToArray() is not [var only] || only.Value.ValueKind != JsonValueKind.Object)
        {
            return new(TokenFailureReason.InvalidClaim, "The SET's events must be an object holding exactly one event, itself an object.");
        }

        var subjectJson = payload.TryGetProperty("sub_id", out var topLevel) ? topLevel
            : only.Value.TryGetProperty("subject", out var inEvent) ? inEvent
            : (JsonElement?)null;
        if (subjectJson is null)
        {
            return new(TokenFailureReason.MissingClaim, "The SET has no sub_id (nor a subject in its event).");
        }

        if (!SubjectIdentifiers.TryParse(subjectJson.Value, out var subject))
        {
            return new(TokenFailureReason.InvalidClaim, "The SET's subject is not a well-formed subject identifier (RFC 9493).");
        }

        var issuedAt = JwtClaims.Time(payload, "iat", out _)!.Value;
        securityEvent = new SecurityEvent(
            transmitter.Name, transmitter.Issuer, only.Name, only.Value.Clone(), subject, jti, issuedAt,
            issuedAt + settings.SecurityEventMaxAge + settings.ClockSkew);
        return null;
    }

    private FederationTokenResult<SecurityEvent> Refused(string transmitter, TokenFailure failure)
    {
        FederationLog.TokenRefused(logger, "security event token", transmitter, failure.Reason);
        return new(failure);
    }
}
