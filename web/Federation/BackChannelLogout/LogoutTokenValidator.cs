using System.Text.Json;
using Microsoft.Extensions.Options;
using Sessions.Grains.Abstractions.Federation;
using Sessions.Grains.Hosting;
using Sessions.Web.Federation.Keys;
using Sessions.Web.Federation.Tokens;

namespace Sessions.Web.Federation.BackChannelLogout;

/// <summary>
/// Validates a back-channel logout token as OpenID Connect Back-Channel Logout 1.0 §2.6 requires: signed by a key in
/// the provider's JWKS with an asymmetric algorithm, <c>typ</c> <c>logout+jwt</c> when present, <c>iss</c> the
/// provider's issuer, <c>aud</c> naming our client id, <c>iat</c> within <see cref="FederationOptions.LogoutTokenMaxAge"/>,
/// <c>exp</c> honoured, the back-channel logout event as an object, <c>sub</c> and/or <c>sid</c>, a <c>jti</c>, and no
/// <c>nonce</c> (docs/threat-model.md, B21). It does not consult the replay record: the caller checks and records
/// <see cref="LogoutToken.Jti"/>.
/// </summary>
public sealed class LogoutTokenValidator(
    FederationIssuers issuers,
    IOptions<FederationOptions> options,
    [FromKeyedServices(SessionGrid.ClockKey)] TimeProvider time,
    ILogger<LogoutTokenValidator> logger)
{
    /// <summary>The member of <c>events</c> that makes a JWT a logout token (§2.4).</summary>
    public const string LogoutEvent = "http://schemas.openid.net/event/backchannel-logout";

    /// <summary>The <c>typ</c> a logout token may carry (§2.3).</summary>
    public const string MediaType = "logout+jwt";

    /// <summary>Validates <paramref name="logoutToken"/> (the form field) as sent by the provider named
    /// <paramref name="providerName"/>.</summary>
    public async Task<FederationTokenResult<LogoutToken>> ValidateAsync(string providerName, string? logoutToken, CancellationToken cancellationToken)
    {
        if (!issuers.Providers.TryGetValue(providerName, out var provider))
        {
            return Refused("an unknown provider", new(TokenFailureReason.UnknownIssuer, "No provider of that name is configured."));
        }

        var settings = options.Value;
        var jwt = UnverifiedJwt.TryRead(logoutToken);
        var failure = jwt is null
            ? new TokenFailure(TokenFailureReason.Malformed, "The logout_token is not a signed JWT.")
            : SignedJwtReader.CheckHeader(jwt)
                ?? CheckType(jwt)
                ?? await SignedJwtReader.VerifyAsync(jwt, provider.Keys, provider.Issuer, [provider.Options.ClientId], cancellationToken)
                ?? JwtLifetime.Check(jwt.Payload, time.GetUtcNow(), settings.ClockSkew, settings.LogoutTokenMaxAge, maxAhead: null)
                ?? CheckClaims(jwt.Payload);
        return failure is null ? new(Facts(provider, jwt!.Payload, settings)) : Refused(provider.Name, failure);
    }

    private static TokenFailure? CheckType(UnverifiedJwt jwt) =>
        jwt.Type is not null && !TokenTypes.Is(jwt.Type, MediaType)
            ? new(TokenFailureReason.WrongType, "The logout_token's typ must be logout+jwt when present.")
            : null;

    private static TokenFailure? CheckClaims(JsonElement payload)
    {
        if (!payload.TryGetProperty("events", out var events))
        {
            return new(TokenFailureReason.MissingClaim, "The logout_token has no events claim.");
        }

        if (events.ValueKind != JsonValueKind.Object || !events.TryGetProperty(LogoutEvent, out var logout) || logout.ValueKind != JsonValueKind.Object)
        {
            return new(TokenFailureReason.InvalidClaim, $"The logout_token's events must hold {LogoutEvent} as a JSON object.");
        }

        if (JwtClaims.Has(payload, "nonce"))
        {
            return new(TokenFailureReason.InvalidClaim, "A logout_token must not contain a nonce.");
        }

        var subject = JwtClaims.String(payload, "sub", out var badSubject);
        var session = JwtClaims.String(payload, "sid", out var badSession);
        var jti = JwtClaims.String(payload, "jti", out var badJti);
        if (badSubject || badSession || badJti || subject is "" || session is "")
        {
            return new(TokenFailureReason.InvalidClaim, "The logout_token's sub, sid and jti must be non-empty strings.");
        }

        if (subject is null && session is null)
        {
            return new(TokenFailureReason.MissingClaim, "The logout_token has neither sub nor sid.");
        }

        return jti is null or { Length: > ReplayRecords.MaxJtiLength }
            ? new(TokenFailureReason.MissingClaim, "The logout_token has no jti (or one longer than 256 characters).")
            : null;
    }

    private static LogoutToken Facts(FederationProvider provider, JsonElement payload, FederationOptions settings)
    {
        var issuedAt = JwtClaims.Time(payload, "iat", out _)!.Value;
        return new LogoutToken(
            provider.Name,
            provider.Issuer,
            JwtClaims.String(payload, "sub", out _),
            JwtClaims.String(payload, "sid", out _),
            JwtClaims.String(payload, "jti", out _)!,
            issuedAt,
            issuedAt + settings.LogoutTokenMaxAge + settings.ClockSkew);
    }

    private FederationTokenResult<LogoutToken> Refused(string provider, TokenFailure failure)
    {
        FederationLog.TokenRefused(logger, "logout token", provider, failure.Reason);
        return new(failure);
    }
}
