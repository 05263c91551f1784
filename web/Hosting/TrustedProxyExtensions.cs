using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Sessions.Web.Hosting;

/// <summary>
/// X-Forwarded-For/-Proto/-Host are honoured only from the proxies listed in <c>Sessions:Web:TrustedProxies</c>
/// (addresses or CIDR networks); from anyone else they are ignored, so a client cannot spoof its address or the
/// origin the cross-site check compares against (bad-input catalogue B14). Default: no proxy is trusted — not even
/// loopback, unlike ASP.NET's own default.
/// </summary>
public static class TrustedProxyExtensions
{
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        var trusted = app.Configuration.GetSection($"{WebOptions.Section}:TrustedProxies").Get<string[]>() ?? [];
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
            if (System.Net.IPNetwork.TryParse(entry, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                throw new InvalidOperationException($"Sessions:Web:TrustedProxies has '{entry}', which is neither an IP address nor a CIDR network.");
            }
        }

        app.UseForwardedHeaders(options);
        return app;
    }
}
