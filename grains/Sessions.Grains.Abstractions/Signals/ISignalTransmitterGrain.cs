using Orleans.Concurrency;

namespace Sessions.Grains.Abstractions.Signals;

/// <summary>
/// The transmitter as front ends see it (key: 0): its public metadata and each receiver's delivery state, answered
/// by a silo from its own configuration, so a front end needs no signals configuration and never a private key.
/// </summary>
public interface ISignalTransmitterGrain : IGrainWithIntegerKey
{
    /// <summary>The issuer and the public signing keys.</summary>
    [ReadOnly]
    Task<TransmitterMetadata> GetMetadataAsync();

    /// <summary>Every configured receiver's delivery state, its queue shards summed.</summary>
    [ReadOnly]
    Task<ReceiverStatus[]> GetReceiversAsync();
}
