using Orleans.Storage;

namespace Sessions.Grains.Storage;

/// <summary>Reads a stored version from any grain storage: version-only where it can (<see cref="IStoredVersionReader"/>),
/// otherwise through a full read whose ETag is kept and whose state is dropped.</summary>
internal static class StoredVersionExtensions
{
    /// <summary>The stored version (ETag) of <paramref name="stateName"/> of <paramref name="grainId"/>; null when
    /// nothing is stored.</summary>
    public static async Task<string?> ReadStoredVersionAsync<T>(
        this IGrainStorage storage, string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        if (storage is IStoredVersionReader versions)
        {
            return await versions.ReadStoredVersionAsync<T>(stateName, grainId, cancellationToken);
        }

        var stored = new GrainState<T>();
        await storage.ReadStateAsync(stateName, grainId, stored, cancellationToken);
        return stored.ETag;
    }
}
