namespace Sessions.Tests.Storage;

/// <summary>
/// The ADO.NET persistence query contract (docs/architecture.md#storage) and our conflict rules, which every schema of ours keeps
/// (T23). A subclass per database kind binds the stored query texts exactly as the provider does.
/// </summary>
public abstract class PersistenceQueryContractTests
{
    [Fact]
    public async Task TheFirstWriteInsertsVersionOneAndASecondFirstWriteConflicts()
    {
        var first = await WriteAsync("bob", version: null);
        var racing = await WriteAsync("bob", version: null);

        Assert.Equal(1, first);
        Assert.Null(racing);
        Assert.Equal(1L, await RowCountAsync());
    }

    [Fact]
    public async Task AWriteSucceedsOnlyAgainstTheVersionItRead()
    {
        await WriteAsync("carol", version: null);

        var next = await WriteAsync("carol", version: 1);
        var stale = await WriteAsync("carol", version: 1);

        Assert.Equal(2, next);
        Assert.Null(stale);
    }

    [Fact]
    public async Task AWriteWithAVersionNeverRecreatesAMissingRow()
    {
        var ghost = await WriteAsync("dave", version: 7);

        Assert.Null(ghost);
        Assert.Equal(0L, await RowCountAsync());
    }

    [Fact]
    public async Task ReadReturnsThePayloadAndVersionAndClearKeepsTheRow()
    {
        await WriteAsync("erin", version: null, payload: [1, 2, 3]);

        var (payload, version) = await ReadAsync("erin");
        var clearedTo = await ClearAsync("erin", version: 1);

        Assert.Equal([1, 2, 3], payload);
        Assert.Equal(1, version);
        Assert.Equal(2, clearedTo);
        var (cleared, clearedVersion) = await ReadAsync("erin");
        Assert.Null(cleared);
        Assert.Equal(2, clearedVersion);
    }

    /// <summary>Runs WriteToStorageKey; the new version, or null for a conflict (no row).</summary>
    protected abstract Task<int?> WriteAsync(string key, int? version, byte[]? payload = null);

    /// <summary>Runs ReadFromStorageKey for a row that exists.</summary>
    protected abstract Task<(byte[]? Payload, int Version)> ReadAsync(string key);

    /// <summary>Runs ClearStorageKey; the new version, or null for a conflict.</summary>
    protected abstract Task<int?> ClearAsync(string key, int version);

    protected abstract Task<long> RowCountAsync();

    /// <summary>The grain identity every query binds (its parameter names without a prefix): one username grain's
    /// row, under <paramref name="key"/>.</summary>
    protected static IEnumerable<(string Name, object Value)> GrainIdentity(string key) =>
    [
        ("GrainIdHash", 1), ("GrainIdN0", 0L), ("GrainIdN1", 0L), ("GrainTypeHash", 2), ("GrainTypeString", "username"),
        ("GrainIdExtensionString", key), ("ServiceId", "schema-tests"),
    ];
}
