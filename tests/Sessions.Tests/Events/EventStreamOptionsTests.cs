using Sessions.Web.Events;

namespace Sessions.Tests.Events;

/// <summary>The event streams' settings are validated at start: an impossible value stops the front end with its key.</summary>
public sealed class EventStreamOptionsTests
{
    [Fact]
    public void TheDefaultsAreValid()
    {
        var result = new EventStreamOptionsValidator().Validate(null, new EventStreamOptions());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void BoundsBelowOneAndARecheckSlowerThanHalfASubscriptionAreRefusedWithTheirKeys()
    {
        var options = new EventStreamOptions
        {
            EventStreamsPerUser = 0,
            MaxEventStreams = -1,
            EventStreamKeepAliveInterval = TimeSpan.Zero,
            EventStreamRecheckInterval = TimeSpan.FromMinutes(5),
        };

        var result = new EventStreamOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
            [
                "Sessions:Web:EventStreamsPerUser must be at least 1.",
                "Sessions:Web:MaxEventStreams must be at least EventStreamsPerUser.",
                "Sessions:Web:EventStreamKeepAliveInterval must be at least 1 second.",
                "Sessions:Web:EventStreamRecheckInterval must be between 1 second and 00:01:00 (half a subscription's lifetime).",
            ],
            result.Failures);
    }
}
