namespace Sessions.Grains.Storage;

/// <summary>
/// A grain storage that can read the stored version of a state without its payload: what the user activation's
/// scheduled recheck needs (docs/threat-model.md, H3). A full read transfers and deserialises the whole state only to
/// look at its ETag; at 10 M active users rechecking every 5 s that is 2 M full-row reads a second.
/// Use <see cref="StoredVersionExtensions.ReadStoredVersionAsync{T}"/>, which falls back to a full read for storage
/// without this capability.
/// </summary>
internal interface IStoredVersionReader
{
    /// <summary>
    /// The ETag a full read of the same state (<c>IGrainStorage.ReadStateAsync</c>) would set now: the stored version, or null when there is no row. Errors propagate as a read's would.
    /// </summary>
    /// <typeparam name="T">The state's type, for storage that can only answer with a full read.</typeparam>
    Task<string?> ReadStoredVersionAsync<T>(string stateName, GrainId grainId, CancellationToken cancellationToken);
}
