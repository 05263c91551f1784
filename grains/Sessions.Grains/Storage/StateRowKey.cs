namespace Sessions.Grains.Storage;

/// <summary>
/// The key columns of a grain state's row in OrleansStorage (Storage/Sql/*-persistence.sql), computed as Orleans'
/// ADO.NET provider computes them (dotnet/orleans, AdoNetGrainStorage and AdoGrainKey): a key that reads as a GUID is
/// stored as the GUID's two little-endian 64-bit halves (every user id is one), an integer key as (0, key), anything
/// else as (0, 0) and the key text; a key extension, or the key text, goes in GrainIdExtensionString, stored as '' when
/// absent. The state name is the type string; the grid's names carry no generic arity for the provider to normalise.
/// </summary>
internal readonly record struct StateRowKey(string GrainTypeString, long N0, long N1, string Extension)
{
    /// <summary>The row key of <paramref name="stateName"/> of <paramref name="grainId"/>.</summary>
    /// <exception cref="ArgumentException">The state name is that of a generic type, which the provider renames.</exception>
    public static StateRowKey Of(string stateName, GrainId grainId)
    {
        if (stateName.Contains('`', StringComparison.Ordinal))
        {
            throw new ArgumentException($"State name '{stateName}' names a generic type; the provider stores it under another name.", nameof(stateName));
        }

        if (grainId.TryGetGuidKey(out var guid, out var guidExtension))
        {
            var bytes = guid.ToByteArray();
            return new StateRowKey(stateName, BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8), guidExtension ?? string.Empty);
        }

        if (grainId.TryGetIntegerKey(out var integer, out var integerExtension))
        {
            return new StateRowKey(stateName, 0, integer, integerExtension ?? string.Empty);
        }

        return new StateRowKey(stateName, 0, 0, grainId.Key.ToString());
    }
}
