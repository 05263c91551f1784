using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Sessions.Grains.Abstractions.Tokens;

/// <summary>
/// The grid keys from configuration (section <c>Sessions:GridKeys</c>), shared by every silo and front end:
/// <c>Sessions__GridKeys__Keys__1=&lt;base64 of at least 32 random bytes&gt;</c> and <c>Sessions__GridKeys__ActiveId=1</c>.
/// </summary>
public sealed class GridKeyOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sessions:GridKeys";

    /// <summary>How to make a key, for error messages.</summary>
    public const string Hint =
        "Set Sessions__GridKeys__Keys__1 to the base64 of 32 random bytes (openssl rand -base64 32) and " +
        "Sessions__GridKeys__ActiveId=1, the same on every silo and front end.";

    /// <summary>The id (1–255) of the key that signs new tokens. Default: the highest configured id.</summary>
    public int? ActiveId { get; set; }

    /// <summary>Keys by id (1–255), each the base64 of at least 32 random bytes. Keep retired keys here until the
    /// tokens they signed have expired; remove a key to invalidate every token it signed.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>When no key is configured, generate one and keep it in the data directory
    /// (<c>gridkey.json</c>, owner-only). Default: on for the embedded SQLite default, off otherwise, where a missing
    /// key is a start-up error (front ends and silos must share one key, so none may invent its own).</summary>
    public bool? GenerateIfMissing { get; set; }

    /// <summary>Whether any key is configured.</summary>
    public bool HasKeys => Keys.Count > 0;

    /// <summary>Builds the key ring, or explains what is wrong without echoing any secret.</summary>
    public bool TryCreateRing([NotNullWhen(true)] out GridKeyRing? ring, [NotNullWhen(false)] out string? error)
    {
        ring = null;
        var secrets = new Dictionary<byte, byte[]>();
        foreach (var (id, value) in Keys)
        {
            if (!byte.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var keyId) || keyId == 0)
            {
                error = $"Sessions:GridKeys:Keys has the id '{id}'; ids are 1 to 255.";
                return false;
            }

            var secret = new byte[(value?.Length ?? 0) * 3 / 4 + 3];
            if (value is null || !Convert.TryFromBase64String(value, secret, out var length))
            {
                error = $"Sessions:GridKeys:Keys:{keyId} is not base64. {Hint}";
                return false;
            }

            if (length < GridKeyRing.MinimumSecretLength)
            {
                error = $"Sessions:GridKeys:Keys:{keyId} is shorter than {GridKeyRing.MinimumSecretLength} bytes. {Hint}";
                return false;
            }

            secrets[keyId] = secret[..length];
        }

        if (secrets.Count == 0)
        {
            error = $"No grid key is configured. {Hint}";
            return false;
        }

        var active = ActiveId ?? secrets.Keys.Max();
        if (active is < 1 or > 255 || !secrets.ContainsKey((byte)active))
        {
            error = $"Sessions:GridKeys:ActiveId is {active}, which is not among the configured key ids.";
            return false;
        }

        ring = new GridKeyRing((byte)active, secrets);
        error = null;
        return true;
    }
}
