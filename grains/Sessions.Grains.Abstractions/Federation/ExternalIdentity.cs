namespace Sessions.Grains.Abstractions.Federation;

/// <summary>
/// A person as an OpenID Connect provider knows them: the provider's issuer and the subject (<c>sub</c>) it gives
/// them, unique together (OpenID Connect Core 1.0 §5.7: only the pair is a stable identifier). This is what
/// <see cref="IExternalIdentityGrain"/> links to exactly one grid user.
/// </summary>
/// <param name="Issuer">The provider's issuer, exactly as its tokens carry it.</param>
/// <param name="Subject">The subject at that issuer.</param>
[GenerateSerializer, Immutable, Alias("sg.ExternalIdentity")]
public sealed record ExternalIdentity(
    [property: Id(0)] string Issuer,
    [property: Id(1)] string Subject);
