using Microsoft.Extensions.Options;
using Sessions.Grains.Abstractions.Users;

namespace Sessions.Grains.Hosting;

/// <summary>Refuses to start with lifetimes or limits that cannot work, saying which key is wrong.</summary>
internal sealed class SessionOptionsValidator : IValidateOptions<SessionOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionOptions options)
    {
        var errors = new List<string>();
        Positive(errors, nameof(options.BrowserIdleTimeout), options.BrowserIdleTimeout);
        Positive(errors, nameof(options.BrowserAbsoluteLifetime), options.BrowserAbsoluteLifetime);
        Positive(errors, nameof(options.AccessTokenLifetime), options.AccessTokenLifetime);
        Positive(errors, nameof(options.RefreshIdleTimeout), options.RefreshIdleTimeout);
        Positive(errors, nameof(options.RefreshAbsoluteLifetime), options.RefreshAbsoluteLifetime);
        Positive(errors, nameof(options.ApiTokenDefaultLifetime), options.ApiTokenDefaultLifetime);
        Positive(errors, nameof(options.ApiTokenMaxLifetime), options.ApiTokenMaxLifetime);
        Positive(errors, nameof(options.LastSeenFlushInterval), options.LastSeenFlushInterval);
        if (options.StorageRecheckInterval < TimeSpan.FromMilliseconds(100) || options.StorageRecheckInterval > TimeSpan.FromMinutes(5))
        {
            errors.Add("Sessions:StorageRecheckInterval must be between 100 ms and 5 minutes.");
        }

        if (options.StorageUnreadableLimit is { } limit
            && (limit < options.StorageRecheckInterval || limit > TimeSpan.FromMinutes(15)))
        {
            errors.Add("Sessions:StorageUnreadableLimit must be at least Sessions:StorageRecheckInterval and at most 15 minutes.");
        }

        if (options.BrowserIdleTimeout > options.BrowserAbsoluteLifetime)
        {
            errors.Add("Sessions:BrowserIdleTimeout must not exceed Sessions:BrowserAbsoluteLifetime.");
        }

        if (options.RefreshIdleTimeout > options.RefreshAbsoluteLifetime)
        {
            errors.Add("Sessions:RefreshIdleTimeout must not exceed Sessions:RefreshAbsoluteLifetime.");
        }

        if (options.RefreshReuseGracePeriod < TimeSpan.Zero || options.RefreshReuseGracePeriod > TimeSpan.FromMinutes(5))
        {
            errors.Add("Sessions:RefreshReuseGracePeriod must be between 0 and 5 minutes.");
        }

        if (options.ApiTokenMaxLifetime > TimeSpan.FromDays(ApiTokenRules.MaxLifetimeDays))
        {
            errors.Add($"Sessions:ApiTokenMaxLifetime must not exceed {ApiTokenRules.MaxLifetimeDays} days.");
        }

        if (options.ApiTokenDefaultLifetime > options.ApiTokenMaxLifetime)
        {
            errors.Add("Sessions:ApiTokenDefaultLifetime must not exceed Sessions:ApiTokenMaxLifetime.");
        }

        Range(errors, nameof(options.MaxSessionsPerUser), options.MaxSessionsPerUser, 1, 100_000);
        Range(errors, nameof(options.MaxApiTokensPerUser), options.MaxApiTokensPerUser, 0, 100_000);
        Range(errors, nameof(options.AuditTrailLength), options.AuditTrailLength, 0, 10_000);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"Sessions:{key} must be positive (got {value}).");
        }
    }

    private static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"Sessions:{key} must be between {min} and {max} (got {value}).");
        }
    }
}
