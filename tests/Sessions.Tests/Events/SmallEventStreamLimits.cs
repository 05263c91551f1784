using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Events;

/// <summary>A front end that keeps two event streams per user and three in all.</summary>
public sealed class SmallEventStreamLimits() : WebGridFixture(new WebGrid(new Dictionary<string, string?>
{
    ["Sessions:Web:EventStreamsPerUser"] = "2",
    ["Sessions:Web:MaxEventStreams"] = "3",
}));
