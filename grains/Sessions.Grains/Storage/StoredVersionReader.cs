using System.Data.Common;
using System.Globalization;

namespace Sessions.Grains.Storage;

/// <summary>
/// <c>SELECT Version</c> of one row of OrleansStorage, by its primary key, on the connections the ADO.NET provider
/// uses: the stored version without the payload, as the ETag string the provider makes of it (the version in
/// invariant digits). Works on both of the grid's schemas (Storage/Sql/postgresql-persistence.sql,
/// sqlite-persistence.sql), whose key and Version columns are the same.
/// </summary>
internal sealed class StoredVersionReader(DbDataSource dataSource, string serviceId)
{
    // The row key exactly as ReadFromStorageKey matches it (GrainIdExtensionString is never NULL in the table).
    private const string Query = """
        SELECT Version
        FROM OrleansStorage
        WHERE ServiceId = @ServiceId
          AND GrainTypeString = @GrainTypeString
          AND GrainIdN0 = @GrainIdN0
          AND GrainIdN1 = @GrainIdN1
          AND GrainIdExtensionString = @GrainIdExtensionString
        """;

    /// <summary>The stored version of <paramref name="stateName"/> of <paramref name="grainId"/>, or null when there
    /// is no row.</summary>
    /// <exception cref="DbException">The database could not be read.</exception>
    public async Task<string?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        var key = StateRowKey.Of(stateName, grainId);
        await using var command = dataSource.CreateCommand(Query);
        Add(command, "ServiceId", serviceId);
        Add(command, "GrainTypeString", key.GrainTypeString);
        Add(command, "GrainIdN0", key.N0);
        Add(command, "GrainIdN1", key.N1);
        Add(command, "GrainIdExtensionString", key.Extension);
        var version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return version is null or DBNull ? null : Convert.ToInt32(version, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
