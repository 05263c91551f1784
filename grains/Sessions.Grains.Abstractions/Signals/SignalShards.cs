using System.Globalization;

namespace Sessions.Grains.Abstractions.Signals;

/// <summary>
/// How signals are spread over grains: a user's signals always land in the same shard (so each receiver gets one
/// user's signals in order) and shards work side by side. The count is a storage contract: changing it would strand
/// what old shards hold.
/// </summary>
public static class SignalShards
{
    /// <summary>Queue shards per receiver, and shards of the pending index.</summary>
    public const int Count = 8;

    /// <summary>The shard of a user: a stable hash of the id (FNV-1a), the same in every process and every build.</summary>
    public static int Of(string userId)
    {
        var hash = 2166136261u;
        foreach (var c in userId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Count);
    }

    /// <summary>The key of <see cref="ISignalQueueGrain"/>: <c>{receiver}/{shard}</c>.</summary>
    public static string QueueKey(string receiver, int shard) => string.Create(CultureInfo.InvariantCulture, $"{receiver}/{shard}");

    /// <summary>The key of <see cref="ISignalPendingIndexGrain"/>: the shard number.</summary>
    public static string IndexKey(int shard) => shard.ToString(CultureInfo.InvariantCulture);
}
