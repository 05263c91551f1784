using Microsoft.Extensions.Options;

namespace Sessions.Grains.Hosting;

/// <summary>Refuses a storage configuration that cannot work, saying which key is wrong.</summary>
internal sealed class SessionStorageOptionsValidator : IValidateOptions<SessionStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionStorageOptions options)
    {
        var problem = options.Provider switch
        {
            StorageProvider.Sqlite => options.SqliteBusyTimeoutSeconds > 0 ? null : "Sessions:Storage:SqliteBusyTimeoutSeconds must be positive.",
            StorageProvider.PostgreSQL => PostgresConnectionString.Problem(options.ConnectionString, "Sessions:Storage:ConnectionString"),
            _ => $"Sessions:Storage:Provider must be {StorageProvider.Sqlite} or {StorageProvider.PostgreSQL}.",
        };
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }
}
