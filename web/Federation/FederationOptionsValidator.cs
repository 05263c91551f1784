using Microsoft.Extensions.Options;

namespace Sessions.Web.Federation;

/// <summary>Refuses to start with a provider or transmitter that cannot work or would be fetched insecurely, or with
/// limits out of range, naming the key.</summary>
internal sealed class FederationOptionsValidator : IValidateOptions<FederationOptions>
{
    private const string Providers = FederationOptions.Section + ":Providers";
    private const string Transmitters = FederationOptions.Section + ":Transmitters";

    public ValidateOptionsResult Validate(string? name, FederationOptions options)
    {
        var errors = new List<string>();
        foreach (var (providerName, provider) in options.Providers)
        {
            ValidateProvider(errors, providerName, provider);
        }

        foreach (var (transmitterName, transmitter) in options.Transmitters)
        {
            ValidateTransmitter(errors, transmitterName, transmitter);
        }

        Unique(errors, "Authority", options.Providers.Select(p => (p.Key, p.Value.Authority)));
        Unique(errors, "Issuer", options.Transmitters.Select(t => (t.Key, t.Value.Issuer)));
        Range(errors, nameof(options.LogoutTokenMaxAge), options.LogoutTokenMaxAge, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));
        Range(errors, nameof(options.SecurityEventMaxAge), options.SecurityEventMaxAge, TimeSpan.FromMinutes(5), TimeSpan.FromDays(7) - TimeSpan.FromMinutes(5));
        Range(errors, nameof(options.ClockSkew), options.ClockSkew, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        Range(errors, nameof(options.MetadataRefreshInterval), options.MetadataRefreshInterval, TimeSpan.FromMinutes(5), TimeSpan.FromDays(1));
        Range(errors, nameof(options.KeyRefetchInterval), options.KeyRefetchInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Range(errors, nameof(options.FetchTimeout), options.FetchTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateProvider(List<string> errors, string name, FederationProviderOptions provider)
    {
        var key = $"{Providers}:{name}";
        if (!FederationNames.IsValid(name))
        {
            errors.Add($"{key}: the provider name is not allowed ({FederationNames.Rule}).");
        }

        Fetchable(errors, $"{key}:Authority", provider.Authority);
        Required(errors, $"{key}:ClientId", provider.ClientId);
        Required(errors, $"{key}:ClientSecret", provider.ClientSecret);
        if (!provider.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid", StringComparer.Ordinal))
        {
            errors.Add($"{key}:Scopes must include 'openid' (got '{provider.Scopes}').");
        }

        if (!Enum.IsDefined(provider.OnProviderLogout))
        {
            errors.Add($"{key}:OnProviderLogout must be Sessions or Everywhere.");
        }
    }

    private static void ValidateTransmitter(List<string> errors, string name, FederationTransmitterOptions transmitter)
    {
        var key = $"{Transmitters}:{name}";
        if (!FederationNames.IsValid(name))
        {
            errors.Add($"{key}: the transmitter name is not allowed ({FederationNames.Rule}).");
        }

        Required(errors, $"{key}:Issuer", transmitter.Issuer);
        Fetchable(errors, $"{key}:JwksUri", transmitter.JwksUri);
        Required(errors, $"{key}:Audience", transmitter.Audience);
    }

    private static void Fetchable(List<string> errors, string key, string value)
    {
        if (!LoopbackAddresses.IsFetchable(value, out _))
        {
            errors.Add($"{key} must be an absolute https URL (http only on a loopback host), without user information or a fragment (got '{value}').");
        }
    }

    private static void Required(List<string> errors, string key, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key} is required.");
        }
    }

    // An issuer selects the provider (a bearer assertion) or the transmitter (a security event): two with one issuer
    // would make that choice ambiguous.
    private static void Unique(List<string> errors, string property, IEnumerable<(string Name, string Issuer)> entries)
    {
        foreach (var group in entries.Where(e => e.Issuer.Length > 0).GroupBy(e => e.Issuer, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"{string.Join(" and ", group.Select(e => e.Name))} have the same {property} '{group.Key}'; each issuer may be configured once.");
        }
    }

    private static void Range(List<string> errors, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{FederationOptions.Section}:{key} must be between {min} and {max} (got {value}).");
        }
    }
}
