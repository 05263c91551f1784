using Microsoft.AspNetCore.Mvc.Testing;
using Sessions.Web.Authentication.OperatorKeys;
using Sessions.Web.Authentication.ResourceServers;
using Sessions.Web.Hosting;

namespace Sessions.Tests.Hosting;

/// <summary>The front end's settings are validated at start like the grain side's: an impossible value stops the
/// process with the key named, instead of being dropped or failing on the first request.</summary>
public sealed class WebStartupConfigurationTests
{
    [Fact]
    public void AnOperatorKeyShorterThan24CharactersIsRefusedWithItsName()
    {
        var options = new OperatorKeyAuthenticationOptions { Keys = { ["oncall"] = new string('k', 23), ["backup"] = new string('k', 24) } };

        var result = new OperatorKeyAuthenticationOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(["Sessions:Admin:Keys:oncall is shorter than 24 characters."], result.Failures);
    }

    [Fact]
    public void AResourceServerWithAnEmptySecretIsRefusedWithItsName()
    {
        var options = new ResourceServerAuthenticationOptions { Clients = { ["orders-api"] = "", ["billing"] = "billing secret" } };

        var result = new ResourceServerAuthenticationOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(["Sessions:ResourceServers:Clients:orders-api has an empty secret."], result.Failures);
    }

    [Fact]
    public void ProxiesThatAreNotAddressesOriginsThatAreNotOriginsAndANonPositiveTimeoutAreRefused()
    {
        var options = new WebOptions
        {
            TrustedProxies = ["10.0.0.1", "10.0.0.0/8", "proxy.internal"],
            TrustedOrigins = ["https://app.example.com", "http://localhost:8080", "https://app.example.com/", "app.example.com", "null"],
            GrainCallTimeout = TimeSpan.Zero,
        };

        var result = new WebOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
            [
                "Sessions:Web:TrustedProxies has 'proxy.internal', which is neither an IP address nor a CIDR network.",
                "Sessions:Web:TrustedOrigins has 'https://app.example.com/', which is not an origin (scheme://host[:port], nothing after it).",
                "Sessions:Web:TrustedOrigins has 'app.example.com', which is not an origin (scheme://host[:port], nothing after it).",
                "Sessions:Web:TrustedOrigins has 'null', which is not an origin (scheme://host[:port], nothing after it).",
                "Sessions:Web:GrainCallTimeout must be positive (got 00:00:00).",
            ],
            result.Failures);
    }

    [Fact]
    public void PublicOriginsThatAreNotOriginsAreRefusedWithTheirKey()
    {
        var options = new WebOptions
        {
            PublicOrigins =
            [
                "https://login.example.com", "http://127.0.0.1:8080", "https://[::1]:8443",
                "https://login.example.com/", "https://login.example.com/path", "https://login.example.com?next=/", "ftp://login.example.com",
                "https://user@login.example.com", "login.example.com",
            ],
        };

        var result = new WebOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
            [
                "Sessions:Web:PublicOrigins has 'https://login.example.com/', which is not an origin (scheme://host[:port], nothing after it).",
                "Sessions:Web:PublicOrigins has 'https://login.example.com/path', which is not an origin (scheme://host[:port], nothing after it).",
                "Sessions:Web:PublicOrigins has 'https://login.example.com?next=/', which is not an origin (scheme://host[:port], nothing after it).",
                "Sessions:Web:PublicOrigins has 'ftp://login.example.com', which is not an origin (scheme://host[:port], nothing after it).",
                "Sessions:Web:PublicOrigins has 'https://user@login.example.com', which is not an origin (scheme://host[:port], nothing after it).",
                "Sessions:Web:PublicOrigins has 'login.example.com', which is not an origin (scheme://host[:port], nothing after it).",
            ],
            result.Failures);
    }

    [Fact]
    public void TheDefaultsAreValid()
    {
        Assert.True(new WebOptionsValidator().Validate(null, new WebOptions()).Succeeded);
        Assert.True(new OperatorKeyAuthenticationOptionsValidator().Validate(null, new OperatorKeyAuthenticationOptions()).Succeeded);
        Assert.True(new ResourceServerAuthenticationOptionsValidator().Validate(null, new ResourceServerAuthenticationOptions()).Succeeded);
    }

    [Theory]
    [InlineData("Sessions:Admin:Keys:oncall", "too-short", "Sessions:Admin:Keys:oncall is shorter than 24 characters.")]
    [InlineData("Sessions:ResourceServers:Clients:orders-api", "", "Sessions:ResourceServers:Clients:orders-api has an empty secret.")]
    [InlineData("Sessions:Web:TrustedProxies:0", "proxy.internal", "Sessions:Web:TrustedProxies has 'proxy.internal'")]
    [InlineData("Sessions:Web:TrustedOrigins:0", "https://app.example.com/", "Sessions:Web:TrustedOrigins has 'https://app.example.com/'")]
    [InlineData("Sessions:Web:GrainCallTimeout", "00:00:00", "Sessions:Web:GrainCallTimeout must be positive")]
    [InlineData("Sessions:Web:PublicOrigins:0", "https://login.example.com/sign-in", "Sessions:Web:PublicOrigins has 'https://login.example.com/sign-in'")]
    public void AnImpossibleSettingStopsTheFrontEndBeforeItServesWithTheKeyNamed(string key, string value, string expected)
    {
        using var web = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("Sessions:Storage:DataDirectory", Directory.CreateTempSubdirectory("sessions-web-start-").FullName)
            .UseSetting(key, value));

        var error = Assert.ThrowsAny<Exception>(() => web.Server);

        Assert.Contains(expected, MessagesOf(error), StringComparison.Ordinal);
    }

    private static string MessagesOf(Exception error) =>
        error is AggregateException aggregate
            ? string.Join('\n', aggregate.InnerExceptions.Select(MessagesOf))
            : error.Message + (error.InnerException is { } inner ? "\n" + MessagesOf(inner) : string.Empty);
}
