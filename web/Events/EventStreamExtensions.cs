using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sessions.Grains.Hosting;
using Sessions.Web.Hosting;

namespace Sessions.Web.Events;

/// <summary>Registers live sign-out: <c>GET /auth/events</c> and what it needs.</summary>
public static class EventStreamExtensions
{
    /// <summary>Adds the event stream hub (this front end's observer of user grains), its options from
    /// <c>Sessions:Web</c> (validated at start) and its metrics. Timers use the <see cref="TimeProvider"/> keyed
    /// <see cref="SessionGrid.ClockKey"/> (the system clock unless a test set one).</summary>
    public static IServiceCollection AddSessionGridEventStreams(this IServiceCollection services)
    {
        services.AddOptions<EventStreamOptions>().BindConfiguration(WebOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EventStreamOptions>, EventStreamOptionsValidator>();
        services.TryAddKeyedSingleton(SessionGrid.ClockKey, TimeProvider.System);
        services.AddSingleton<EventStreamMetrics>();
        services.AddSingleton<EventStreamHub>();
        return services;
    }
}
