namespace Sessions.Grains.Abstractions.Operations;

/// <summary>
/// Readiness probe: reaching this grain proves the cluster answers, and each call reads its row from grain storage,
/// proving storage answers too. Use the key <see cref="Key"/>.
/// </summary>
public interface IStorageProbeGrain : IGrainWithStringKey
{
    /// <summary>The key of the one probe grain.</summary>
    public const string Key = "readiness";

    /// <summary>Reads this grain's state from storage; throws when storage cannot be read.</summary>
    Task ProbeAsync();
}
