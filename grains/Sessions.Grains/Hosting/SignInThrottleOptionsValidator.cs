using Microsoft.Extensions.Options;

namespace Sessions.Grains.Hosting;

/// <summary>Refuses throttling settings that would disable throttling or exceed NIST's cap of 100.</summary>
internal sealed class SignInThrottleOptionsValidator : IValidateOptions<SignInThrottleOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInThrottleOptions options)
    {
        var errors = new List<string>();
        if (options.FreeFailures is < 1 or > 100)
        {
            errors.Add("Sessions:SignInThrottle:FreeFailures must be between 1 and 100.");
        }

        if (options.FirstLockout <= TimeSpan.Zero || options.MaxLockout < options.FirstLockout)
        {
            errors.Add("Sessions:SignInThrottle:FirstLockout must be positive and not above MaxLockout.");
        }

        if (options.DisableAfter < options.FreeFailures || options.DisableAfter > 100)
        {
            errors.Add("Sessions:SignInThrottle:DisableAfter must be between FreeFailures and 100 (NIST SP 800-63B).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
