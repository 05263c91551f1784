using Microsoft.Extensions.Options;
using Sessions.Grains.Abstractions.Federation;
using Sessions.Grains.Hosting;
using Sessions.Web.Federation.Keys;
using Sessions.Web.Federation.Tokens;

namespace Sessions.Web.Federation.GlobalRevocation;

/// <summary>
/// Validates the bearer assertion a provider authenticates a global token revocation request with
/// (draft-parecki-oauth-global-token-revocation §4; the JWT bearer client authentication of RFC 7523 §3): <c>iss</c> a
/// configured provider's issuer (which selects the provider), signed by a key in its JWKS with an asymmetric algorithm,
/// <c>aud</c> exactly this endpoint's URL, a <c>jti</c>, and an <c>exp</c> at most <see cref="MaxLifetime"/> ahead.
/// It does not consult the replay record: the caller checks and records <see cref="RevocationAssertion.Jti"/>.
/// </summary>
public sealed class RevocationAssertionValidator(
    FederationIssuers issuers,
    IOptions<FederationOptions> options,
    [FromKeyedServices(SessionGrid.ClockKey)] TimeProvider time,
    ILogger<RevocationAssertionValidator> logger)
{
    /// <summary>How far ahead an assertion's <c>exp</c> may be (the contract): a short-lived assertion keeps a
    /// captured one nearly worthless and the replay record small.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    // An assertion may be a plain JWT or say what it is (draft-ietf-oauth-rfc7523bis); a token of another kind
    // (a logout token, a SET, an access token) is never taken for one.
    private static readonly string[] AcceptedTypes = ["JWT", "client-authentication+jwt"];

    /// <summary>Validates <paramref name="assertion"/> (the bearer credential) for the endpoint at
    /// <paramref name="endpointUrl"/> (as the caller must name it in <c>aud</c>).</summary>
    public Task<FederationTokenResult<RevocationAssertion>> ValidateAsync(string? assertion, string endpointUrl, CancellationToken cancellationToken) =>
        ValidateAsync(assertion, [endpointUrl], cancellationToken);

    /// <summary>Validates <paramref name="assertion"/> for an endpoint published under several names: its <c>aud</c>
    /// must be one of <paramref name="endpointUrls"/> (the endpoint's URL under each public origin).</summary>
    public async Task<FederationTokenResult<RevocationAssertion>> ValidateAsync(
        string? assertion, IReadOnlyCollection<string> endpointUrls, CancellationToken cancellationToken)
    {
        if (UnverifiedJwt.TryRead(assertion) is not { } jwt)
        {
            return Refused("an unknown provider", new(TokenFailureReason.Malformed, "The bearer assertion is not a signed JWT."));
        }

        if (!issuers.TryGetProviderByIssuer(jwt.Issuer, out var provider))
        {
            return Refused("an unknown provider", new(TokenFailureReason.UnknownIssuer, "The assertion's iss is not a configured provider."));
        }

        var settings = options.Value;
        var failure = SignedJwtReader.CheckHeader(jwt)
            ?? CheckType(jwt)
            ?? await SignedJwtReader.VerifyAsync(jwt, provider.Keys, provider.Issuer, endpointUrls, cancellationToken)
            ?? JwtLifetime.Check(jwt.Payload, time.GetUtcNow(), settings.ClockSkew, maxAge: null, maxAhead: MaxLifetime)
            ?? CheckJti(jwt);
        if (failure is not null)
        {
            return Refused(provider.Name, failure);
        }

        var expiresAt = JwtClaims.Time(jwt.Payload, "exp", out _)!.Value;
        var jti = JwtClaims.String(jwt.Payload, "jti", out _)!;
        return new(new RevocationAssertion(provider.Name, provider.Issuer, jti, expiresAt, expiresAt + settings.ClockSkew));
    }

    private static TokenFailure? CheckType(UnverifiedJwt jwt) =>
        jwt.Type is null || AcceptedTypes.Any(type => TokenTypes.Is(jwt.Type, type))
            ? null
            : new(TokenFailureReason.WrongType, "The assertion's typ names another kind of token.");

    private static TokenFailure? CheckJti(UnverifiedJwt jwt) =>
        JwtClaims.String(jwt.Payload, "jti", out _) is { Length: > 0 and <= ReplayRecords.MaxJtiLength }
            ? null
            : new(TokenFailureReason.MissingClaim, "The assertion has no jti (a string of 1 to 256 characters).");

    private FederationTokenResult<RevocationAssertion> Refused(string provider, TokenFailure failure)
    {
        FederationLog.TokenRefused(logger, "revocation assertion", provider, failure.Reason);
        return new(failure);
    }
}
