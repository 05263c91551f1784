using Npgsql;

namespace Sessions.Grains.Hosting;

/// <summary>Checks and describes Npgsql connection strings without ever repeating their password.</summary>
internal static class PostgresConnectionString
{
    /// <summary>Why <paramref name="value"/> cannot be used, naming the configuration <paramref name="key"/>; null when usable.</summary>
    public static string? Problem(string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{key} is required for PostgreSQL (for example Host=db;Database=sessions;Username=grid;Password=…).";
        }

        try
        {
            return string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(value).Host)
                ? $"{key} names no Host."
                : null;
        }
        catch (ArgumentException exception)
        {
            // Npgsql's parse errors name the keyword or the position, never a value of Password.
            return $"{key} is not a valid PostgreSQL connection string: {exception.Message}";
        }
    }

    /// <summary>Host, port and database: what a log line may say about a connection.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
    }
}
