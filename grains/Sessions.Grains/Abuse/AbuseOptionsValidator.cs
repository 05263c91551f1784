using Microsoft.Extensions.Options;

namespace Sessions.Grains.Abuse;

/// <summary>Refuses abuse limits that would switch a limit off or could not be applied, naming the key.</summary>
internal sealed class AbuseOptionsValidator : IValidateOptions<AbuseOptions>
{
    private const int MaxHashThreads = 256;
    private const int MaxQueueLength = 100_000;

    public ValidateOptionsResult Validate(string? name, AbuseOptions options)
    {
        var errors = new List<string>();
        if (options.MaxConcurrentPasswordHashes is < 1 or > MaxHashThreads)
        {
            errors.Add($"{AbuseOptions.Section}:MaxConcurrentPasswordHashes must be between 1 and {MaxHashThreads} (got {options.MaxConcurrentPasswordHashes}).");
        }

        if (options.PasswordHashQueueLength is < 1 or > MaxQueueLength)
        {
            errors.Add($"{AbuseOptions.Section}:PasswordHashQueueLength must be between 1 and {MaxQueueLength} (got {options.PasswordHashQueueLength}).");
        }

        if (options.SignInsPerMinutePerAddress < 1)
        {
            errors.Add($"{AbuseOptions.Section}:SignInsPerMinutePerAddress must be at least 1 (got {options.SignInsPerMinutePerAddress}); exempt a network instead of switching the limit off.");
        }

        if (options.RegistrationsPerHourPerAddress < 1)
        {
            errors.Add($"{AbuseOptions.Section}:RegistrationsPerHourPerAddress must be at least 1 (got {options.RegistrationsPerHourPerAddress}); exempt a network instead of switching the limit off.");
        }

        if (options.SignInBurstPerAddress < 1)
        {
            errors.Add($"{AbuseOptions.Section}:SignInBurstPerAddress must be at least 1 (got {options.SignInBurstPerAddress}).");
        }

        if (options.RegistrationBurstPerAddress < 1)
        {
            errors.Add($"{AbuseOptions.Section}:RegistrationBurstPerAddress must be at least 1 (got {options.RegistrationBurstPerAddress}).");
        }

        foreach (var entry in options.ExemptNetworks)
        {
            if (!System.Net.IPNetwork.TryParse(entry, out _))
            {
                errors.Add($"{AbuseOptions.Section}:ExemptNetworks has '{entry}', which is not a CIDR network (such as 10.0.0.0/8, 2001:db8::/32, or 203.0.113.7/32 for one address).");
            }
        }

        if (options.RejectionDelay < TimeSpan.Zero || options.RejectionDelay > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{AbuseOptions.Section}:RejectionDelay must be between 0 and 00:01:00 (got {options.RejectionDelay}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
