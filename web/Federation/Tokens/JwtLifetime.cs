using System.Text.Json;

namespace Sessions.Web.Federation.Tokens;

/// <summary>The time rules every federation token shares, judged against the grid's clock with a tolerance for the
/// sender's (<see cref="FederationOptions.ClockSkew"/>).</summary>
internal static class JwtLifetime
{
    /// <summary>
    /// Checks <c>iat</c> (required when <paramref name="maxAge"/> is set: not in the future, not older than it), <c>exp</c>
    /// (required when <paramref name="maxAhead"/> is set, not more than that ahead; honoured whenever present) and
    /// <c>nbf</c> (honoured when present). Null when they hold.
    /// </summary>
    public static TokenFailure? Check(JsonElement payload, DateTimeOffset now, TimeSpan skew, TimeSpan? maxAge, TimeSpan? maxAhead)
    {
        var issuedAt = JwtClaims.Time(payload, "iat", out var badIat);
        var expires = JwtClaims.Time(payload, "exp", out var badExp);
        var notBefore = JwtClaims.Time(payload, "nbf", out var badNbf);
        if (badIat || badExp || badNbf)
        {
            return new(TokenFailureReason.InvalidClaim, "The token's iat, exp and nbf must be NumericDates.");
        }

        if (maxAge is not null && issuedAt is null)
        {
            return new(TokenFailureReason.MissingClaim, "The token has no iat.");
        }

        if (maxAhead is not null && expires is null)
        {
            return new(TokenFailureReason.MissingClaim, "The token has no exp.");
        }

        if (expires <= now - skew)
        {
            return new(TokenFailureReason.Expired, "The token has expired.");
        }

        if (maxAge is { } age && issuedAt < now - age - skew)
        {
            return new(TokenFailureReason.Expired, "The token was issued too long ago.");
        }

        if (issuedAt > now + skew || notBefore > now + skew)
        {
            return new(TokenFailureReason.BadLifetime, "The token is not valid yet (iat or nbf is in the future).");
        }

        return maxAhead is { } ahead && expires > now + ahead + skew
            ? new(TokenFailureReason.BadLifetime, $"The token's exp is more than {ahead.TotalMinutes:0} minutes ahead.")
            : null;
    }
}
