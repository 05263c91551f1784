using Microsoft.Extensions.Options;

namespace Sessions.Grains.Signals;

/// <summary>Refuses to start with a receiver that cannot work or would be sent to insecurely, or with bounds out of
/// range, naming the key (docs/threat-model.md, B45).</summary>
internal sealed class SignalsOptionsValidator : IValidateOptions<SignalsOptions>
{
    private const string Receivers = SignalsOptions.Section + ":Receivers";

    public ValidateOptionsResult Validate(string? name, SignalsOptions options)
    {
        var errors = new List<string>();
        foreach (var (receiverName, receiver) in options.Receivers)
        {
            ValidateReceiver(errors, receiverName, receiver);
        }

        if (options.Transmits && !SignalUrls.IsSecure(options.Issuer, out _))
        {
            errors.Add($"{SignalsOptions.Section}:Issuer must be the grid's public origin, an absolute https URL (http only on a loopback host), when receivers are configured (got '{options.Issuer}').");
        }

        if (options.SigningKeys.Count > 1 && (options.ActiveSigningKey is not { } active || !options.SigningKeys.ContainsKey(active)))
        {
            errors.Add($"{SignalsOptions.Section}:ActiveSigningKey must name one of {SignalsOptions.Section}:SigningKeys when several are listed.");
        }
        else if (options.ActiveSigningKey is { } named && options.SigningKeys.Count > 0 && !options.SigningKeys.ContainsKey(named))
        {
            errors.Add($"{SignalsOptions.Section}:ActiveSigningKey '{named}' is not one of {SignalsOptions.Section}:SigningKeys.");
        }

        Range(errors, nameof(options.RetryHorizon), options.RetryHorizon, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        Range(errors, nameof(options.InitialRetryDelay), options.InitialRetryDelay, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1));
        Range(errors, nameof(options.MaxRetryDelay), options.MaxRetryDelay, options.InitialRetryDelay, TimeSpan.FromHours(1));
        Range(errors, nameof(options.DeliveryTimeout), options.DeliveryTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Range(errors, nameof(options.RecoveryInterval), options.RecoveryInterval, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1));
        Count(errors, nameof(options.MaxQueuedPerReceiver), options.MaxQueuedPerReceiver, Abstractions.Signals.SignalShards.Count, 1_000_000);
        Count(errors, nameof(options.MaxPendingPerUser), options.MaxPendingPerUser, 10, 10_000);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateReceiver(List<string> errors, string name, SignalReceiverOptions receiver)
    {
        var key = $"{Receivers}:{name}";
        if (!IsName(name))
        {
            errors.Add($"{key}: the receiver name is not allowed (1 to 32 of a-z, 0-9 and '-').");
        }

        if (!SignalUrls.IsSecure(receiver.EndpointUrl, out _))
        {
            errors.Add($"{key}:EndpointUrl must be an absolute https URL (http only on a loopback host), without user information or a fragment (got '{receiver.EndpointUrl}').");
        }

        if (string.IsNullOrWhiteSpace(receiver.Audience))
        {
            errors.Add($"{key}:Audience is required.");
        }

        if (receiver.AuthorizationHeader is { } header && (header.Length == 0 || header.Any(char.IsControl)))
        {
            // Never echo the value: it is a secret.
            errors.Add($"{key}:AuthorizationHeader must be a header value without control characters.");
        }

        foreach (var eventName in receiver.Events.Where(e => SignalEvents.Resolve(e) is null))
        {
            errors.Add($"{key}:Events: '{eventName}' is not an event the grid sends ({string.Join(", ", SignalEvents.ByName.Keys)}).");
        }
    }

    private static bool IsName(string name) =>
        name.Length is >= 1 and <= 32 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static void Range(List<string> errors, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{SignalsOptions.Section}:{key} must be between {min} and {max} (got {value}).");
        }
    }

    private static void Count(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{SignalsOptions.Section}:{key} must be between {min} and {max} (got {value}).");
        }
    }
}
