using System.Globalization;
using System.Runtime.Versioning;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Hosting;

namespace Sessions.Tests.Hosting;

public sealed class StartupConfigurationTests
{
    [Fact]
    [SupportedOSPlatform("linux")]
    public void TheEmbeddedDefaultGeneratesAGridKeyOnceAndKeepsItOwnerOnly()
    {
        var root = Directory.CreateTempSubdirectory("sessions-keys-").FullName;
        var storage = new SessionStorageOptions();

        var first = GridKeyFile.LoadRing(new GridKeyOptions(), storage, root);
        var second = GridKeyFile.LoadRing(new GridKeyOptions(), storage, root);

        var token = new TokenCodec(first).Write(TokenKind.BrowserSession, Guid.NewGuid(), Guid.NewGuid(), new byte[32]);
        Assert.True(new TokenCodec(second).TryRead(token, out _));
        var file = Path.Combine(root, "data", "gridkey.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public void WithoutGenerationAMissingGridKeyStopsStartWithInstructions()
    {
        var keys = new GridKeyOptions { GenerateIfMissing = false };

        var error = Assert.Throws<InvalidOperationException>(() =>
            GridKeyFile.LoadRing(keys, new SessionStorageOptions(), Directory.CreateTempSubdirectory().FullName));

        Assert.Contains("Sessions__GridKeys__Keys__1", error.Message);
    }

    [Fact]
    public void ConfiguredKeysWinOverTheGeneratedFile()
    {
        var root = Directory.CreateTempSubdirectory("sessions-keys-").FullName;
        var configured = new GridKeyOptions { Keys = { ["5"] = Convert.ToBase64String(new byte[32]) } };

        var ring = GridKeyFile.LoadRing(configured, new SessionStorageOptions(), root);

        Assert.Equal(5, ring.ActiveKeyId);
        Assert.False(File.Exists(Path.Combine(root, "data", "gridkey.json")));
    }

    [Fact]
    public void ImpossibleLifetimesAndLimitsAreRefusedWithTheKeyNamed()
    {
        var options = new SessionOptions
        {
            BrowserIdleTimeout = TimeSpan.FromHours(13),
            AccessTokenLifetime = TimeSpan.Zero,
            MaxSessionsPerUser = 0,
        };

        var result = new SessionOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Sessions:BrowserIdleTimeout must not exceed Sessions:BrowserAbsoluteLifetime.", result.Failures!);
        Assert.Contains(result.Failures!, f => f.StartsWith("Sessions:AccessTokenLifetime", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Sessions:MaxSessionsPerUser", StringComparison.Ordinal));
        Assert.True(new SessionOptionsValidator().Validate(null, new SessionOptions()).Succeeded);
    }

    [Fact]
    public void AnApiTokenLifetimeBeyondTheSharedCeilingIsRefused()
    {
        var options = new SessionOptions { ApiTokenMaxLifetime = TimeSpan.FromDays(ApiTokenRules.MaxLifetimeDays + 1) };

        var result = new SessionOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Sessions:ApiTokenMaxLifetime", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("00:00:04")]
    [InlineData("00:15:01")]
    public void AStorageUnreadableLimitOutsideItsBoundsIsRefused(string limit)
    {
        var options = new SessionOptions { StorageUnreadableLimit = TimeSpan.Parse(limit, CultureInfo.InvariantCulture) };

        var result = new SessionOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Sessions:StorageUnreadableLimit", StringComparison.Ordinal));
    }

    [Fact]
    public void ThrottlingCannotBeConfiguredPastNistsCap()
    {
        var result = new SignInThrottleOptionsValidator().Validate(null, new SignInThrottleOptions { DisableAfter = 1000 });

        Assert.True(result.Failed);
        Assert.Contains("DisableAfter", result.FailureMessage, StringComparison.Ordinal);
    }
}
