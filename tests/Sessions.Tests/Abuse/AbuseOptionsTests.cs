using Microsoft.AspNetCore.Mvc.Testing;
using Sessions.Grains.Abuse;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Abuse;

/// <summary>The abuse limits are validated at start on silos and front ends alike: a value that would switch a limit
/// off or cannot be applied stops the process with the key named.</summary>
public sealed class AbuseOptionsTests
{
    [Fact]
    public void TheDefaultsBoundHashingToHalfTheCoresAndAreValid()
    {
        var defaults = new AbuseOptions();

        Assert.Equal(Math.Max(1, Environment.ProcessorCount / 2), defaults.MaxConcurrentPasswordHashes);
        Assert.Equal(16 * defaults.MaxConcurrentPasswordHashes, defaults.PasswordHashQueueLengthOrDefault);
        Assert.Equal(60, defaults.SignInsPerMinutePerAddress);
        Assert.Equal(20, defaults.RegistrationsPerHourPerAddress);
        Assert.Empty(defaults.ExemptNetworks);
        Assert.Equal(TimeSpan.FromSeconds(1), defaults.RejectionDelay);
        Assert.True(new AbuseOptionsValidator().Validate(null, defaults).Succeeded);
    }

    [Fact]
    public void LimitsThatSwitchThemselvesOffAndNetworksThatAreNotCidrAreRefusedWithTheKeyNamed()
    {
        var options = new AbuseOptions
        {
            MaxConcurrentPasswordHashes = 0,
            PasswordHashQueueLength = 0,
            SignInsPerMinutePerAddress = 0,
            RegistrationsPerHourPerAddress = -1,
            ExemptNetworks = ["10.0.0.0/8", "2001:db8::/32", "10.0.0.1", "gateway.internal"],
            RejectionDelay = TimeSpan.FromMinutes(2),
        };

        var result = new AbuseOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
            [
                "Sessions:Abuse:MaxConcurrentPasswordHashes must be between 1 and 256 (got 0).",
                "Sessions:Abuse:PasswordHashQueueLength must be between 1 and 100000 (got 0).",
                "Sessions:Abuse:SignInsPerMinutePerAddress must be at least 1 (got 0); exempt a network instead of switching the limit off.",
                "Sessions:Abuse:RegistrationsPerHourPerAddress must be at least 1 (got -1); exempt a network instead of switching the limit off.",
                "Sessions:Abuse:ExemptNetworks has '10.0.0.1', which is not a CIDR network (such as 10.0.0.0/8, 2001:db8::/32, or 203.0.113.7/32 for one address).",
                "Sessions:Abuse:ExemptNetworks has 'gateway.internal', which is not a CIDR network (such as 10.0.0.0/8, 2001:db8::/32, or 203.0.113.7/32 for one address).",
                "Sessions:Abuse:RejectionDelay must be between 0 and 00:01:00 (got 00:02:00).",
            ],
            result.Failures);
    }

    [Fact]
    public async Task ASiloWithAnImpossibleLimitDoesNotStart()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => GridHosts.StartSiloAsync(
            new Dictionary<string, string?> { ["Sessions:Abuse:MaxConcurrentPasswordHashes"] = "0" }));

        Assert.Contains("Sessions:Abuse:MaxConcurrentPasswordHashes must be between 1 and 256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFrontEndOfAClusterValidatesTheKeysItReads()
    {
        using var web = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("Sessions:Web:Silo", "External")
            .UseSetting("Sessions:GridKeys:Keys:1", TestSettings.GridKey)
            .UseSetting("Sessions:Abuse:ExemptNetworks:0", "loadgen.internal"));

        var error = Assert.ThrowsAny<Exception>(() => web.Server);

        Assert.Contains("Sessions:Abuse:ExemptNetworks has 'loadgen.internal'", MessagesOf(error), StringComparison.Ordinal);
    }

    private static string MessagesOf(Exception error) =>
        error is AggregateException aggregate
            ? string.Join('\n', aggregate.InnerExceptions.Select(MessagesOf))
            : error.Message + (error.InnerException is { } inner ? "\n" + MessagesOf(inner) : string.Empty);
}
