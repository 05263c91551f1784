using Microsoft.Extensions.Options;

namespace Sessions.Web.Hosting;

/// <summary>Refuses to start with front-end settings that cannot work, naming the key and the value.</summary>
internal sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        var errors = new List<string>();
        foreach (var entry in options.TrustedProxies)
        {
            if (!TrustedProxyExtensions.TryParse(entry, out _, out _))
            {
                errors.Add($"{WebOptions.Section}:TrustedProxies has '{entry}', which is neither an IP address nor a CIDR network.");
            }
        }

        foreach (var entry in options.TrustedOrigins)
        {
            if (!IsOrigin(entry))
            {
                errors.Add($"{WebOptions.Section}:TrustedOrigins has '{entry}', which is not an origin (scheme://host[:port], nothing after it).");
            }
        }

        foreach (var entry in options.PublicOrigins)
        {
            if (!IsOrigin(entry))
            {
                errors.Add($"{WebOptions.Section}:PublicOrigins has '{entry}', which is not an origin (scheme://host[:port], nothing after it).");
            }
        }

        if (options.GrainCallTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{WebOptions.Section}:GrainCallTimeout must be positive (got {options.GrainCallTimeout}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>An origin as browsers send it in <c>Origin</c> (RFC 6454 §6.1): http or https, a host, an optional
    /// port, and nothing else — a trailing slash or a path would never match a request's origin.</summary>
    private static bool IsOrigin(string entry) =>
        Uri.TryCreate(entry, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.UserInfo.Length == 0
        && string.Equals(uri.GetLeftPart(UriPartial.Authority), entry, StringComparison.OrdinalIgnoreCase);
}
