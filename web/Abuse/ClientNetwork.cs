using System.Net;
using System.Net.Sockets;

namespace Sessions.Web.Abuse;

/// <summary>
/// The network a client's address belongs to, as the per-address limits count it: an IPv4 /24 or an IPv6 /64 (the
/// smallest block one subscriber usually holds, so a client cannot escape its limit by hopping addresses within it),
/// an IPv4-mapped IPv6 address as the IPv4 one, and a connection with no address (an in-memory test server, a Unix
/// socket) as the one network <see cref="Unknown"/>.
/// </summary>
public static class ClientNetwork
{
    /// <summary>The network of connections without an IP address.</summary>
    public const string Unknown = "unknown";

    /// <summary>The network's text (<c>198.51.100.0/24</c>, <c>2001:db8:1:2::/64</c>): the key of its grain.</summary>
    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }

        address = Normalize(address);
        Span<byte> bytes = stackalloc byte[16];
        _ = address.TryWriteBytes(bytes, out var length);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            bytes[3] = 0;
            return $"{new IPAddress(bytes[..length])}/24";
        }

        bytes[8..].Clear();
        return $"{new IPAddress(bytes)}/64";
    }

    /// <summary>An IPv4-mapped IPv6 address as its IPv4 address; any other as it is.</summary>
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
