using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Sessions.Web.Hosting;

/// <summary>
/// X-Forwarded-For/-Proto/-Host are honoured only from the proxies listed in <c>Sessions:Web:TrustedProxies</c>
/// (addresses or CIDR networks); from anyone else they are ignored, so a client cannot spoof its address or the
/// origin the cross-site check compares against (docs/threat-model.md, B14). Default: no proxy is trusted — not
/// even loopback, unlike ASP.NET's own default.
/// </summary>
public static class TrustedProxyExtensions
{
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        var trusted = app.Services.GetRequiredService<IOptions<WebOptions>>().Value.TrustedProxies;
        if (trusted.Length == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in trusted)
        {
            // Every entry parses: WebOptionsValidator refused the process otherwise.
            _ = TryParse(entry, out var network, out var address);
            if (network is { } known)
            {
                options.KnownIPNetworks.Add(known);
            }
            else
            {
                options.KnownProxies.Add(address!);
            }
        }

        app.UseForwardedHeaders(options);
        return app;
    }

    /// <summary>A trusted-proxy entry: a CIDR network, or a single address.</summary>
    internal static bool TryParse(string entry, out System.Net.IPNetwork? network, [NotNullWhen(true)] out IPAddress? address)
    {
        network = null;
        if (System.Net.IPNetwork.TryParse(entry, out var parsed))
        {
            network = parsed;
            address = parsed.BaseAddress;
            return true;
        }

        return IPAddress.TryParse(entry, out address);
    }
}
