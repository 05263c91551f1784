using System.Security.Cryptography;
using System.Text;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Tests.Infrastructure;
using Sessions.Web.Federation.SignIn;

namespace Sessions.Tests.Federation;

/// <summary>
/// A federated sign-in's round-trip data (state, nonce cookie) is protected with keys derived from the grid keys
/// (docs/threat-model.md, B37, T50): another front end with the same grid keys reads it, so a load balancer may send
/// the provider's redirect anywhere; a grid with other keys, another purpose or a changed byte cannot.
/// </summary>
public sealed class GridKeyDataProtectorTests
{
    private static readonly byte[] State = Encoding.UTF8.GetBytes("return to /account; pkce verifier 123");

    [Fact]
    public void AnotherFrontEndWithTheSameGridKeysReadsWhatThisOneProtected()
    {
        var here = new GridKeyDataProtectionProvider(TestSettings.GridKeyRing).CreateProtector("oidc").CreateProtector("test");
        var there = new GridKeyDataProtectionProvider(RingOf(TestSettings.GridKey)).CreateProtector("oidc").CreateProtector("test");

        Assert.Equal(State, there.Unprotect(here.Protect(State)));
    }

    [Fact]
    public void AGridWithOtherKeysAnotherPurposeOrAChangedByteCannotReadIt()
    {
        var protector = new GridKeyDataProtectionProvider(TestSettings.GridKeyRing).CreateProtector("oidc").CreateProtector("test");
        var protectedState = protector.Protect(State);
        var tampered = (byte[])protectedState.Clone();
        tampered[^1] ^= 1;

        var otherGrid = new GridKeyDataProtectionProvider(RingOf(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))).CreateProtector("oidc").CreateProtector("test");
        Assert.ThrowsAny<CryptographicException>(() => otherGrid.Unprotect(protectedState));
        Assert.ThrowsAny<CryptographicException>(() => protector.CreateProtector("other").Unprotect(protectedState));
        Assert.ThrowsAny<CryptographicException>(() => new GridKeyDataProtectionProvider(TestSettings.GridKeyRing).CreateProtector("oidctest").Unprotect(protectedState));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(tampered));
    }

    [Fact]
    public void TheSameStateProtectedTwiceLooksDifferent() =>
        Assert.NotEqual(
            new GridKeyDataProtectionProvider(TestSettings.GridKeyRing).CreateProtector("oidc").Protect(State),
            new GridKeyDataProtectionProvider(TestSettings.GridKeyRing).CreateProtector("oidc").Protect(State));

    private static GridKeyRing RingOf(string key) =>
        new GridKeyOptions { Keys = { ["1"] = key } }.TryCreateRing(out var ring, out var error) ? ring : throw new InvalidOperationException(error);
}
