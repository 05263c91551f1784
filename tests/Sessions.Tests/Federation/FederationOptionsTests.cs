using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sessions.Web.Federation;

namespace Sessions.Tests.Federation;

/// <summary>Providers and transmitters are validated at start with the key named: metadata and keys are fetched over
/// https except from loopback, names are safe path segments, and limits stay in range.</summary>
public sealed class FederationOptionsTests
{
    [Theory]
    [InlineData("https://idp.example.com")]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://127.10.20.30")]
    [InlineData("http://localhost:3000")]
    [InlineData("http://[::1]:3000")]
    public void HttpsAuthoritiesAndPlainHttpOnLoopbackAreAccepted(string authority)
    {
        var result = Validate(Provider("corp", authority));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("http://idp.example.com")]
    [InlineData("http://10.0.0.5")]
    [InlineData("http://localhost.example.com")]
    [InlineData("ftp://idp.example.com")]
    [InlineData("https://user:pass@idp.example.com")]
    [InlineData("idp.example.com")]
    public void APlainHttpAuthorityOffLoopbackIsRefusedWithItsKey(string authority)
    {
        var result = Validate(Provider("corp", authority));

        Assert.Equal(
            [$"Sessions:Federation:Providers:corp:Authority must be an absolute https URL (http only on a loopback host), without user information or a fragment (got '{authority}')."],
            result.Failures);
    }

    [Theory]
    [InlineData("Corp")]
    [InlineData("corp/evil")]
    [InlineData("corp.example")]
    [InlineData("a-name-that-is-longer-than-thirty-two")]
    [InlineData("..")]
    public void ProviderAndTransmitterNamesThatAreNotSafePathSegmentsAreRefused(string name)
    {
        var options = Provider(name, "https://idp.example.com");
        options.Transmitters[name] = new FederationTransmitterOptions { Issuer = "https://tx.example.com", JwksUri = "https://tx.example.com/jwks", Audience = "https://grid.example.com" };

        var result = Validate(options);

        Assert.Equal(
            [
                $"Sessions:Federation:Providers:{name}: the provider name is not allowed ({FederationNames.Rule}).",
                $"Sessions:Federation:Transmitters:{name}: the transmitter name is not allowed ({FederationNames.Rule}).",
            ],
            result.Failures);
    }

    [Fact]
    public void MissingCredentialsAPlainHttpKeySetSharedIssuersAndLimitsOutOfRangeAreEachNamed()
    {
        var options = Provider("corp", "https://idp.example.com");
        options.Providers["corp"].ClientSecret = "";
        options.Providers["corp"].Scopes = "profile";
        options.Providers["second"] = new FederationProviderOptions { Authority = "https://idp.example.com", ClientId = "grid", ClientSecret = "s" };
        options.Transmitters["tx"] = new FederationTransmitterOptions { Issuer = "https://tx.example.com", JwksUri = "http://tx.example.com/jwks", Audience = "" };
        options.LogoutTokenMaxAge = TimeSpan.FromHours(2);
        options.KeyRefetchInterval = TimeSpan.Zero;

        var result = Validate(options);

        Assert.Equal(
            [
                "Sessions:Federation:Providers:corp:ClientSecret is required.",
                "Sessions:Federation:Providers:corp:Scopes must include 'openid' (got 'profile').",
                "Sessions:Federation:Transmitters:tx:JwksUri must be an absolute https URL (http only on a loopback host), without user information or a fragment (got 'http://tx.example.com/jwks').",
                "Sessions:Federation:Transmitters:tx:Audience is required.",
                "corp and second have the same Authority 'https://idp.example.com'; each issuer may be configured once.",
                "Sessions:Federation:LogoutTokenMaxAge must be between 00:00:30 and 01:00:00 (got 02:00:00).",
                "Sessions:Federation:KeyRefetchInterval must be between 00:00:01 and 01:00:00 (got 00:00:00).",
            ],
            result.Failures);
    }

    [Fact]
    public void TheDefaultsAreValidAndDocumented()
    {
        var options = new FederationOptions();
        var provider = new FederationProviderOptions();

        Assert.True(Validate(options).Succeeded);
        Assert.Equal(
            (TimeSpan.FromMinutes(2), TimeSpan.FromDays(1), TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromMinutes(1)),
            (options.LogoutTokenMaxAge, options.SecurityEventMaxAge, options.ClockSkew, options.MetadataRefreshInterval, options.KeyRefetchInterval));
        Assert.Equal(("openid profile", ProviderLogoutEffect.Sessions), (provider.Scopes, provider.OnProviderLogout));
    }

    [Fact]
    public async Task AHostWithAPlainHttpProviderOffLoopbackDoesNotStart()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sessions:Federation:Providers:corp:Authority"] = "http://idp.example.com",
            ["Sessions:Federation:Providers:corp:ClientId"] = "grid",
            ["Sessions:Federation:Providers:corp:ClientSecret"] = "secret",
            ["Sessions:Federation:Providers:corp:OnProviderLogout"] = "Everywhere",
        });
        builder.Services.AddSessionGridFederation();
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Sessions:Federation:Providers:corp:Authority", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", failure.Message, StringComparison.Ordinal);
    }

    private static FederationOptions Provider(string name, string authority) => new()
    {
        Providers = { [name] = new FederationProviderOptions { Authority = authority, ClientId = "grid", ClientSecret = "grid-secret" } },
    };

    private static ValidateOptionsResult Validate(FederationOptions options) => new FederationOptionsValidator().Validate(null, options);
}
