using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Sessions.Grains.Abstractions.Signals;

namespace Sessions.Grains.Signals;

/// <summary>The transmitter's public face for front ends (<see cref="ISignalTransmitterGrain"/>), answered on any silo
/// from that silo's configuration and key ring.</summary>
[StatelessWorker]
internal sealed class SignalTransmitterGrain(IOptions<SignalsOptions> options, SignalSigningKeys keys) : Grain, ISignalTransmitterGrain
{
    public Task<TransmitterMetadata> GetMetadataAsync() => Task.FromResult(new TransmitterMetadata(options.Value.Issuer, keys.Jwks));

    public async Task<ReceiverStatus[]> GetReceiversAsync()
    {
        var receivers = options.Value.Receivers.Keys.Order(StringComparer.Ordinal).ToArray();
        var statuses = new ReceiverStatus[receivers.Length];
        for (var i = 0; i < receivers.Length; i++)
        {
            var shards = await Task.WhenAll(Enumerable.Range(0, SignalShards.Count)
                .Select(shard => GrainFactory.GetGrain<ISignalQueueGrain>(SignalShards.QueueKey(receivers[i], shard)).GetStatusAsync()));
            statuses[i] = Sum(receivers[i], shards);
        }

        return statuses;
    }

    private static ReceiverStatus Sum(string receiver, ReceiverStatus[] shards)
    {
        var lastError = shards.Where(s => s.LastErrorAt is not null).MaxBy(s => s.LastErrorAt);
        return new ReceiverStatus(
            receiver,
            shards.Sum(s => s.Queued),
            shards.Min(s => s.OldestQueuedAt),
            shards.Sum(s => s.Delivered),
            shards.Sum(s => s.Failed),
            shards.Sum(s => s.Dropped),
            shards.Sum(s => s.Expired),
            lastError?.LastError,
            lastError?.LastErrorAt,
            shards.Max(s => s.LastDeliveredAt));
    }
}
