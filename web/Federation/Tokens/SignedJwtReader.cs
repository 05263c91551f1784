using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Sessions.Web.Federation.Keys;

namespace Sessions.Web.Federation.Tokens;

/// <summary>
/// Verifies a token's signature, issuer and audience with the library (<see cref="JsonWebTokenHandler"/>): asymmetric
/// algorithms only, keys from the issuer's published set, fetched again once (within the re-fetch limit) when the token
/// names a key we do not hold. Lifetimes are not checked here: each validator checks them against its own clock and
/// rules. What each kind of token must carry on top is the validators' work.
/// </summary>
internal static class SignedJwtReader
{
    /// <summary>The algorithms accepted: RSA, RSA-PSS and ECDSA. Never <c>none</c>, never HS* (a symmetric key would be
    /// the client secret, which the sender is not the only holder of; docs/threat-model.md, B21).</summary>
    public static readonly IReadOnlyList<string> Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private static readonly JsonWebTokenHandler Handler = new();

    private static readonly TokenFailure UnknownKey =
        new(TokenFailureReason.UnknownKey, "The token is signed with a key the issuer has not published.");

    /// <summary>Refuses, before any key is fetched, a token whose header no key could make acceptable.</summary>
    public static TokenFailure? CheckHeader(UnverifiedJwt jwt)
    {
        if (jwt.Algorithm is not { } algorithm || !Algorithms.Contains(algorithm, StringComparer.Ordinal))
        {
            return new TokenFailure(TokenFailureReason.UnsupportedAlgorithm, "The token must be signed with an asymmetric algorithm (RS*, PS* or ES*).");
        }

        // RFC 7515 §4.1.11: extensions listed in crit must be understood; we understand none.
        return JwtClaims.Has(jwt.Header, "crit")
            ? new TokenFailure(TokenFailureReason.UnsupportedAlgorithm, "The token's header lists critical extensions, which are not supported.")
            : null;
    }

    /// <summary>Checks the signature with <paramref name="keys"/>, the issuer and the audience; null when they hold.</summary>
    public static async Task<TokenFailure?> VerifyAsync(
        UnverifiedJwt jwt, ISigningKeySource keys, string issuer, IReadOnlyCollection<string> audiences, CancellationToken cancellationToken)
    {
        if (await keys.CurrentAsync(cancellationToken) is not { } current)
        {
            return new TokenFailure(TokenFailureReason.KeysUnavailable, "The issuer's signing keys cannot be fetched right now; retry later.");
        }

        var refetched = false;
        if (jwt.KeyId is { } kid && !current.Any(key => key.KeyId == kid))
        {
            refetched = true;
            current = await keys.RefetchAsync(cancellationToken) ?? current;
            if (!current.Any(key => key.KeyId == kid))
            {
                return UnknownKey;
            }
        }

        var result = await Handler.ValidateTokenAsync(jwt.Compact, Parameters(current, issuer, audiences));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException && !refetched
            && await keys.RefetchAsync(cancellationToken) is { } fresh)
        {
            result = await Handler.ValidateTokenAsync(jwt.Compact, Parameters(fresh, issuer, audiences));
        }

        return result.IsValid ? null : Failure(result.Exception);
    }

    private static TokenValidationParameters Parameters(IReadOnlyList<SecurityKey> keys, string issuer, IReadOnlyCollection<string> audiences) => new()
    {
        IssuerSigningKeys = keys,
        ValidAlgorithms = Algorithms,
        RequireSignedTokens = true,
        TryAllIssuerSigningKeys = true,
        ValidateIssuerSigningKey = false,
        ValidIssuer = issuer,
        ValidateIssuer = true,
        ValidAudiences = audiences,
        ValidateAudience = true,

        // Times are judged by each validator against the grid's clock (TimeProvider), by its own rules.
        ValidateLifetime = false,
        RequireExpirationTime = false,
        ValidateTokenReplay = false,
        SaveSigninToken = false,
    };

    private static TokenFailure Failure(Exception? exception) => exception switch
    {
        SecurityTokenSignatureKeyNotFoundException => UnknownKey,
        SecurityTokenInvalidSignatureException => new(TokenFailureReason.BadSignature, "The token's signature does not verify with the issuer's keys."),
        SecurityTokenInvalidAlgorithmException => new(TokenFailureReason.UnsupportedAlgorithm, "The token must be signed with an asymmetric algorithm (RS*, PS* or ES*)."),
        SecurityTokenInvalidIssuerException => new(TokenFailureReason.WrongIssuer, "The token's iss is not the expected issuer."),
        SecurityTokenInvalidAudienceException => new(TokenFailureReason.WrongAudience, "The token's aud does not name this receiver."),
        _ => new(TokenFailureReason.Malformed, "The token could not be validated."),
    };
}
