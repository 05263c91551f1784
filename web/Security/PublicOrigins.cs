using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Sessions.Web.Hosting;

namespace Sessions.Web.Security;

/// <summary>
/// The names this front end is published under (<c>Sessions:Web:PublicOrigins</c>): a request's host must be the
/// host of one of them (<see cref="UnknownHostGuard"/>), and the <c>Origin</c> of a cookie-authenticated change must
/// be one of them (<see cref="CrossSiteRequestGuard"/>). With none configured, only loopback names are this server's —
/// <c>localhost</c>, 127.0.0.0/8 and <c>[::1]</c>, on any port — and a request's own origin is its own
/// <c>scheme://host</c>, which can then only be a loopback one (docs/threat-model.md, B23).
/// </summary>
public sealed class PublicOrigins
{
    private readonly HashSet<string> _origins = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public PublicOrigins(WebOptions options)
    {
        foreach (var entry in options.PublicOrigins)
        {
            // Every entry is an absolute http(s) origin: WebOptionsValidator refused the process otherwise.
            var origin = new Uri(entry);
            var host = origin.HostNameType == UriHostNameType.IPv6 ? $"[{origin.IdnHost}]" : origin.IdnHost;
            _hosts.Add(host);
            _origins.Add(origin.IsDefaultPort
                ? $"{origin.Scheme}://{host}"
                : string.Create(CultureInfo.InvariantCulture, $"{origin.Scheme}://{host}:{origin.Port}"));
        }
    }

    /// <summary>Whether <paramref name="host"/> names this server: the host of a public origin (whatever the port:
    /// proxies differ in whether they pass it on, and the name is what a rebinding attacker controls), or, with none
    /// configured, a loopback name.</summary>
    public bool Names(HostString host) => _hosts.Count > 0 ? _hosts.Contains(host.Host) : IsLoopback(host.Host);

    /// <summary>Whether <paramref name="origin"/> (an <c>Origin</c> header) is this server's: one of the public
    /// origins as browsers spell them (punycode, no default port), or, with none configured, the request's own.</summary>
    public bool IsOwn(string origin, HttpRequest request) =>
        _origins.Count > 0
            ? _origins.Contains(origin)
            : string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>localhost</c>, or a loopback address written as browsers write it (IPv6 in brackets); other
    /// spellings of an address (<c>127.1</c>, octal, decimal) are not accepted.</summary>
    private static bool IsLoopback(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var bracketed = host.Length > 2 && host[0] == '[' && host[^1] == ']';
        var literal = bracketed ? host.AsSpan(1, host.Length - 2) : host.AsSpan();
        Span<char> canonical = stackalloc char[64];
        return IPAddress.TryParse(literal, out var address)
            && IPAddress.IsLoopback(address)
            && bracketed == (address.AddressFamily == AddressFamily.InterNetworkV6)
            && address.TryFormat(canonical, out var written)
            && canonical[..written].Equals(literal, StringComparison.OrdinalIgnoreCase);
    }
}
