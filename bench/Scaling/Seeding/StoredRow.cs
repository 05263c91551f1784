namespace Sessions.Bench.Scaling.Seeding;

/// <summary>One row of the grid's <c>OrleansStorage</c> table: the identity columns the ADO.NET provider computes, and
/// the serialized state.</summary>
internal sealed record StoredRow(StoredRowKey Key, byte[] Payload, int Version = 1);

/// <summary>The identity columns of a stored grain state.</summary>
internal sealed record StoredRowKey(
    string ServiceId, string StateName, long N0, long N1, string Extension, int TypeHash, int IdHash);
