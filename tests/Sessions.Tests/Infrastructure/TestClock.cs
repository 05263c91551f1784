using Microsoft.Extensions.Time.Testing;

namespace Sessions.Tests.Infrastructure;

/// <summary>Where every test host's fake clock starts, so times in one test compare with times in another.</summary>
public static class TestClock
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A fake clock at <see cref="Start"/>; it moves only when a test advances it.</summary>
    public static FakeTimeProvider New() => new(Start);
}
