using Sessions.Grains.Abstractions.Signals;

namespace Sessions.Web.Signals;

/// <summary>
/// The transmitter's metadata as the silos answer it, kept for a minute: the well-known endpoints are public, so a
/// flood of them must not become a flood of grain calls, and a key published by the silos shows here within a minute
/// (list a new key that long before it signs: README, "Let other apps know").
/// </summary>
public sealed class TransmitterMetadataCache(IGrainFactory grains, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private (TransmitterMetadata Metadata, DateTimeOffset Until)? _cached;

    public async Task<TransmitterMetadata> GetAsync()
    {
        var now = time.GetUtcNow();
        if (_cached is { } cached && now < cached.Until)
        {
            return cached.Metadata;
        }

        var metadata = await grains.GetGrain<ISignalTransmitterGrain>(0).GetMetadataAsync();
        _cached = (metadata, now + Lifetime);
        return metadata;
    }
}
