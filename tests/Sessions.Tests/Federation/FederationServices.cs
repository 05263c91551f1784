using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Sessions.Grains.Hosting;
using Sessions.Tests.Infrastructure;
using Sessions.Web.Federation;
using Sessions.Web.Federation.BackChannelLogout;
using Sessions.Web.Federation.GlobalRevocation;
using Sessions.Web.Federation.Keys;
using Sessions.Web.Federation.SharedSignals;

namespace Sessions.Tests.Federation;

/// <summary>The federation services exactly as the front end registers them (<c>AddSessionGridFederation</c>), from
/// <paramref name="settings"/>, with a fake clock.</summary>
public sealed class FederationServices(IReadOnlyDictionary<string, string?> settings, FakeTimeProvider? clock = null) : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
        .AddLogging()
        .AddKeyedSingleton<TimeProvider>(SessionGrid.ClockKey, clock ?? TestClock.New())
        .AddSessionGridFederation()
        .BuildServiceProvider();

    public FakeTimeProvider Clock => (FakeTimeProvider)_services.GetRequiredKeyedService<TimeProvider>(SessionGrid.ClockKey);

    public DateTimeOffset Now => Clock.GetUtcNow();

    public FederationIssuers Issuers => _services.GetRequiredService<FederationIssuers>();

    public LogoutTokenValidator LogoutTokens => _services.GetRequiredService<LogoutTokenValidator>();

    public SecurityEventTokenValidator SecurityEvents => _services.GetRequiredService<SecurityEventTokenValidator>();

    public RevocationAssertionValidator RevocationAssertions => _services.GetRequiredService<RevocationAssertionValidator>();

    public void Dispose() => _services.Dispose();
}
