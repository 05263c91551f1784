namespace Sessions.Bench.Scaling.Seeding;

/// <summary>Direct access to the grid's storage table, beside the grid's own provider.</summary>
internal interface IRowStore : IAsyncDisposable
{
    /// <summary>Inserts rows in bulk (large transactions; nothing may hold these keys yet).</summary>
    Task InsertAsync(IEnumerable<StoredRow> rows);

    /// <summary>The row of a GUID-keyed grain state, as stored.</summary>
    Task<StoredRow?> FindAsync(string serviceId, string stateName, long n0, long n1);

    /// <summary>Leaves the store as a long-running one would be after a bulk load: the SQLite write-ahead log
    /// checkpointed into the file, PostgreSQL's statistics up to date.</summary>
    Task SettleAsync();

    /// <summary>The space the table takes (SQLite: the whole file).</summary>
    Task<long> SizeBytesAsync();

    /// <summary>Whether <see cref="EvictFromPageCache"/> is possible from here (SQLite: a local file).</summary>
    bool CanEvictFromPageCache { get; }

    /// <summary>Drops the store's files from the operating system's page cache.</summary>
    void EvictFromPageCache();
}
