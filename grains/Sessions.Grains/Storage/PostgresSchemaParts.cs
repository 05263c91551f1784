namespace Sessions.Grains.Storage;

/// <summary>The parts of our PostgreSQL schema a database holds.</summary>
[Flags]
public enum PostgresSchemaParts
{
    /// <summary>Nothing but the common tables.</summary>
    None = 0,

    /// <summary>Grain state (Storage/Sql/postgresql-persistence.sql).</summary>
    Persistence = 1,

    /// <summary>The membership table (Storage/Sql/postgresql-clustering.sql).</summary>
    Clustering = 2,
}
