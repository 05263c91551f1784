using System.Buffers.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Sessions.Web.Federation.Tokens;

/// <summary>
/// A compact JWS read but not yet trusted: its header and payload as strict JSON (a member twice is refused, so we and
/// the library can never read two different values), enough to pick the issuer whose keys must verify it.
/// </summary>
internal sealed class UnverifiedJwt
{
    /// <summary>The longest token read (logout tokens, security events and assertions are a few hundred bytes).</summary>
    public const int MaxLength = 16 * 1024;

    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 16 };

    private UnverifiedJwt(string compact, JsonElement header, JsonElement payload)
    {
        Compact = compact;
        Header = header;
        Payload = payload;
    }

    /// <summary>The token as received.</summary>
    public string Compact { get; }

    /// <summary>The protected header, a JSON object.</summary>
    public JsonElement Header { get; }

    /// <summary>The claims, a JSON object.</summary>
    public JsonElement Payload { get; }

    /// <summary>The header's <c>alg</c>, when it is a string.</summary>
    public string? Algorithm => JwtClaims.String(Header, "alg", out _);

    /// <summary>The header's <c>kid</c>, when it is a string.</summary>
    public string? KeyId => JwtClaims.String(Header, "kid", out _);

    /// <summary>The header's <c>typ</c>, when it is a string.</summary>
    public string? Type => JwtClaims.String(Header, "typ", out _);

    /// <summary>The unverified <c>iss</c>: only to choose whose keys to verify with.</summary>
    public string? Issuer => JwtClaims.String(Payload, "iss", out _);

    /// <summary>Reads <paramref name="token"/>, or returns null when it is not one compact JWS of JSON objects.</summary>
    public static UnverifiedJwt? TryRead(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength || token.Count(c => c == '.') != 2)
        {
            return null;
        }

        try
        {
            var jwt = new JsonWebToken(token);
            return jwt.IsEncrypted || ReadObject(jwt.EncodedHeader) is not { } header || ReadObject(jwt.EncodedPayload) is not { } payload
                ? null
                : new UnverifiedJwt(token, header, payload);
        }
        catch (Exception exception) when (exception is ArgumentException or SecurityTokenMalformedException or JsonException or FormatException)
        {
            return null;
        }
    }

    private static JsonElement? ReadObject(string encoded)
    {
        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(encoded), Strict);
        return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
    }
}
