using System.Net;
using Sessions.Web.Abuse;

namespace Sessions.Tests.Abuse;

/// <summary>Which network the per-address limits count an address in: IPv4 /24, IPv6 /64, IPv4-mapped IPv6 as IPv4,
/// and no address at all as one network of its own.</summary>
public sealed class ClientNetworkTests
{
    [Theory]
    [InlineData("198.51.100.7", "198.51.100.0/24")]
    [InlineData("198.51.100.255", "198.51.100.0/24")]
    [InlineData("127.0.0.1", "127.0.0.0/24")]
    [InlineData("::ffff:198.51.100.7", "198.51.100.0/24")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::", "2001:db8:1:2::/64")]
    [InlineData("::1", "::/64")]
    [InlineData("fe80::1%2", "fe80::/64")]
    public void AnAddressIsCountedInItsNetwork(string address, string network) =>
        Assert.Equal(network, ClientNetwork.Of(IPAddress.Parse(address)));

    [Fact]
    public void AConnectionWithoutAnAddressIsTheUnknownNetwork() =>
        Assert.Equal("unknown", ClientNetwork.Of(null));
}
