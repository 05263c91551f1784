using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sessions.Grains.Abstractions.Tokens;

namespace Sessions.Grains.Hosting;

/// <summary>
/// The embedded default's grid key: generated once from the OS CSPRNG and kept next to the database, readable by
/// the owner only, so a restart keeps every session valid.
/// </summary>
internal static class GridKeyFile
{
    /// <summary>Loads the key ring from configuration, or from (a newly generated) key file when allowed.</summary>
    /// <exception cref="InvalidOperationException">No usable key, with a message that says how to configure one.</exception>
    public static GridKeyRing LoadRing(GridKeyOptions keys, SessionStorageOptions storage, string contentRoot)
    {
        var generate = keys.GenerateIfMissing ?? storage.Provider == StorageProvider.Sqlite;
        if (!keys.HasKeys && generate)
        {
            keys = LoadOrCreate(DataPaths.GridKeyFile(storage, contentRoot));
        }

        return keys.TryCreateRing(out var ring, out var error) ? ring : throw new InvalidOperationException(error);
    }

    private static GridKeyOptions LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            var created = new KeyFile(1, new() { ["1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var stream = new FileStream(path, options);
                JsonSerializer.Serialize(stream, created, KeyFileJson.Default.KeyFile);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; use theirs.
            }
        }

        using var read = File.OpenRead(path);
        var file = JsonSerializer.Deserialize(read, KeyFileJson.Default.KeyFile)
            ?? throw new InvalidOperationException($"The grid key file {path} is empty; delete it to generate a new one.");
        return new GridKeyOptions { ActiveId = file.ActiveId, Keys = file.Keys };
    }

    internal sealed record KeyFile(int ActiveId, Dictionary<string, string> Keys);
}

[JsonSerializable(typeof(GridKeyFile.KeyFile))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
internal sealed partial class KeyFileJson : JsonSerializerContext;
