namespace Sessions.Grains.Hosting;

/// <summary>Names the grid's silo-side services are registered under.</summary>
public static class SessionGrid
{
    /// <summary>The grain storage every grid grain persists to (under the state names <c>UserState.StateName</c> and
    /// <c>UsernameState.StateName</c>).</summary>
    public const string StorageName = "sessions";

    /// <summary>The ADO.NET provider behind <see cref="StorageName"/>.</summary>
    public const string AdoNetStorageName = "sessions-adonet";

    /// <summary>The ADO.NET invariant Orleans loads Npgsql by (dotnet/orleans, src/AdoNet/Shared/Storage/AdoNetInvariants.cs).</summary>
    internal const string NpgsqlInvariant = "Npgsql";

    /// <summary>The key of the <see cref="TimeProvider"/> grains read the time from (tests substitute a fake).</summary>
    public const string ClockKey = "sessions";
}
