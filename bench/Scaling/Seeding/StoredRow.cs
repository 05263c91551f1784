using System.Data.Common;

namespace Sessions.Bench.Scaling.Seeding;

/// <summary>One row of the grid's <c>OrleansStorage</c> table: the identity columns the ADO.NET provider computes, and
/// the serialized state.</summary>
internal sealed record StoredRow(StoredRowKey Key, byte[] Payload, int Version = 1)
{
    /// <summary>The next row of <paramref name="reader"/> (columns: the key's seven in order, payload, version), or null
    /// when there is none.</summary>
    public static async Task<StoredRow?> ReadAsync(DbDataReader reader)
    {
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var key = new StoredRowKey(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
            reader.GetString(4), reader.GetInt32(5), reader.GetInt32(6));
        return new StoredRow(key, (byte[])reader.GetValue(7), reader.GetInt32(8));
    }
}

/// <summary>The identity columns of a stored grain state.</summary>
internal sealed record StoredRowKey(
    string ServiceId, string StateName, long N0, long N1, string Extension, int TypeHash, int IdHash);
