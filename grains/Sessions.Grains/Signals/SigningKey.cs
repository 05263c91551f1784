using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Sessions.Grains.Signals;

/// <summary>One signing key of the transmitter: its private half for signing (never serialised anywhere) and its
/// public JWK, whose <c>kid</c> is the RFC 7638 thumbprint, so the id follows from the key and cannot be reused for
/// another.</summary>
internal sealed class SigningKey
{
    private SigningKey(SecurityKey key, string alg, JsonObject publicJwk)
    {
        Kid = Thumbprint(publicJwk);
        key.KeyId = Kid;
        Credentials = new SigningCredentials(key, alg);
        publicJwk["kid"] = Kid;
        publicJwk["alg"] = alg;
        publicJwk["use"] = "sig";
        PublicJwk = publicJwk;
    }

    public string Kid { get; }

    public SigningCredentials Credentials { get; }

    /// <summary>The public members only (kty, crv/x/y or n/e, kid, alg, use).</summary>
    public JsonObject PublicJwk { get; }

    /// <summary>Reads a PEM private key: EC P-256 signs ES256, RSA of 2048 bits or more RS256.</summary>
    /// <exception cref="InvalidOperationException">Not such a key; the message never holds key material.</exception>
    public static SigningKey FromPem(string pem, string source)
    {
        if (TryImport(ECDsa.Create(), pem) is { } ec)
        {
            var curve = ec.ExportParameters(includePrivateParameters: false).Curve;
            return curve.Oid.Value == ECCurve.NamedCurves.nistP256.Oid.Value
                ? Ec(ec)
                : throw new InvalidOperationException($"{source}: an EC key must be on the P-256 curve (ES256).");
        }

        if (TryImport(RSA.Create(), pem) is { } rsa)
        {
            return rsa.KeySize >= 2048 ? Rsa(rsa) : throw new InvalidOperationException($"{source}: an RSA key must have at least 2048 bits.");
        }

        throw new InvalidOperationException($"{source} is not a PEM private key (EC P-256 or RSA).");
    }

    /// <summary>A fresh EC P-256 key, as PKCS#8 PEM.</summary>
    public static string GeneratePem()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ec.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>The key, when <paramref name="pem"/> holds a private key of this algorithm (a public key alone is not one).</summary>
    private static T? TryImport<T>(T algorithm, string pem)
        where T : AsymmetricAlgorithm
    {
        try
        {
            algorithm.ImportFromPem(pem);
            _ = algorithm.ExportPkcs8PrivateKey();   // throws without the private half
            return algorithm;
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            algorithm.Dispose();
            return null;
        }
    }

    private static SigningKey Ec(ECDsa ec)
    {
        var parameters = ec.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["crv"] = "P-256",
            ["kty"] = "EC",
            ["x"] = Base64UrlEncoder.Encode(parameters.Q.X),
            ["y"] = Base64UrlEncoder.Encode(parameters.Q.Y),
        };
        return new SigningKey(new ECDsaSecurityKey(ec), SecurityAlgorithms.EcdsaSha256, jwk);
    }

    private static SigningKey Rsa(RSA rsa)
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            ["kty"] = "RSA",
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
        };
        return new SigningKey(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256, jwk);
    }

    /// <summary>RFC 7638: SHA-256 of the required members in lexicographic order, without whitespace.</summary>
    private static string Thumbprint(JsonObject requiredMembers)
    {
        var canonical = requiredMembers.ToJsonString();
        return Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public override string ToString() => $"signing key {Kid} ({Credentials.Algorithm})";
}
