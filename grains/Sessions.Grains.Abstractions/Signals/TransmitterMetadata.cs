namespace Sessions.Grains.Abstractions.Signals;

/// <summary>What front ends publish about the transmitter (<c>/.well-known/ssf-configuration</c> and
/// <c>/.well-known/jwks.json</c>), as the silos know it: front ends hold no signing key.</summary>
/// <param name="Issuer">The <c>iss</c> of every Security Event Token (<c>Sessions:Signals:Issuer</c>); null when unset.</param>
/// <param name="Jwks">The public signing keys as a JSON Web Key Set (RFC 7517), never a private member.</param>
[GenerateSerializer, Immutable, Alias("sg.TransmitterMetadata")]
public sealed record TransmitterMetadata(
    [property: Id(0)] string? Issuer,
    [property: Id(1)] string Jwks);
