using Microsoft.Extensions.Options;
using Sessions.Grains.Abstractions.Users;
using Sessions.Web.Hosting;

namespace Sessions.Web.Events;

/// <summary>Stops the process at start, naming the key, when the event streams' settings cannot work.</summary>
public sealed class EventStreamOptionsValidator : IValidateOptions<EventStreamOptions>
{
    private static readonly TimeSpan MaxRecheck = UserEventSubscriptions.Lifetime / 2;

    public ValidateOptionsResult Validate(string? name, EventStreamOptions options)
    {
        List<string> failures = [];
        if (options.EventStreamsPerUser < 1)
        {
            failures.Add($"{WebOptions.Section}:EventStreamsPerUser must be at least 1.");
        }

        if (options.MaxEventStreams < options.EventStreamsPerUser)
        {
            failures.Add($"{WebOptions.Section}:MaxEventStreams must be at least EventStreamsPerUser.");
        }

        if (options.EventStreamKeepAliveInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{WebOptions.Section}:EventStreamKeepAliveInterval must be at least 1 second.");
        }

        if (options.EventStreamRecheckInterval < TimeSpan.FromSeconds(1) || options.EventStreamRecheckInterval > MaxRecheck)
        {
            failures.Add($"{WebOptions.Section}:EventStreamRecheckInterval must be between 1 second and {MaxRecheck} (half a subscription's lifetime).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
