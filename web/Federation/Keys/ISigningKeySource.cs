using Microsoft.IdentityModel.Tokens;

namespace Sessions.Web.Federation.Keys;

/// <summary>The signing keys of one issuer, as <see cref="Tokens.SignedJwtReader"/> needs them (implemented by <see cref="IssuerKeys{T}"/>).</summary>
internal interface ISigningKeySource
{
    /// <summary>The keys as last fetched (fetching them the first time); null when none could be fetched.</summary>
    Task<IReadOnlyList<SecurityKey>?> CurrentAsync(CancellationToken cancellationToken);

    /// <summary>The keys fetched again now, if the re-fetch interval allows; null when not allowed or failed.</summary>
    Task<IReadOnlyList<SecurityKey>?> RefetchAsync(CancellationToken cancellationToken);
}
