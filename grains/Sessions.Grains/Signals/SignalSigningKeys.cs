using System.Text.Json.Nodes;
using Sessions.Grains.Hosting;

namespace Sessions.Grains.Signals;

/// <summary>
/// The transmitter's key ring: the configured PEM files (<c>Sessions:Signals:SigningKeys</c>), or, for the embedded
/// default with receivers and no key configured, one ES256 key generated once into the data directory with owner-only
/// permissions — beside the SQLite file and the grid key, so it adds no place a secret rests. Not in the database:
/// a private key in a grain's state would travel in every read of it. With PostgreSQL the keys must be configured,
/// so every silo signs with the same ones. Loaded when the silo starts: a bad key file stops it.
/// </summary>
internal sealed class SignalSigningKeys
{
    /// <summary>The generated key's file name in the data directory.</summary>
    public const string GeneratedFileName = "signals-signing-key.pem";

    private SignalSigningKeys(IReadOnlyList<SigningKey> keys, SigningKey? active)
    {
        Keys = keys;
        Active = active;
        var set = new JsonArray();
        foreach (var key in keys)
        {
            set.Add(key.PublicJwk.DeepClone());
        }

        Jwks = new JsonObject { ["keys"] = set }.ToJsonString();
    }

    /// <summary>Every key, each published.</summary>
    public IReadOnlyList<SigningKey> Keys { get; }

    /// <summary>The key that signs; null when there is nothing to sign (no receiver and no key).</summary>
    public SigningKey? Active { get; }

    /// <summary>The public JSON Web Key Set (RFC 7517).</summary>
    public string Jwks { get; }

    /// <exception cref="SessionGridStartupException">A key cannot be read or none can be had.</exception>
    public static SignalSigningKeys Load(SignalsOptions options, SessionStorageOptions storage, string contentRoot)
    {
        var files = new Dictionary<string, string>(options.SigningKeys, StringComparer.Ordinal);
        if (files.Count == 0 && options.Transmits)
        {
            if (storage.Provider != StorageProvider.Sqlite)
            {
                throw new SessionGridStartupException(
                    $"{SignalsOptions.Section}:SigningKeys is required with PostgreSQL: every silo must sign security events with the same key " +
                    "(see README, Let other apps know).");
            }

            files["generated"] = GeneratedKeyFile.LoadOrCreate(Path.Combine(DataPaths.DataDirectory(storage, contentRoot), GeneratedFileName));
        }

        var keys = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        foreach (var (name, path) in files)
        {
            keys[name] = Read($"{SignalsOptions.Section}:SigningKeys:{name}", Path.GetFullPath(path, contentRoot));
        }

        var activeName = options.ActiveSigningKey ?? keys.Keys.FirstOrDefault();
        return new SignalSigningKeys([.. keys.Values], activeName is null ? null : keys[activeName]);
    }

    private static SigningKey Read(string key, string path)
    {
        try
        {
            return SigningKey.FromPem(File.ReadAllText(path), $"{key} ({path})");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new SessionGridStartupException($"Cannot use the signing key {key} ({path}): {exception.Message}", exception);
        }
    }
}
