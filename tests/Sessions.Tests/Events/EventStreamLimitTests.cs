using System.Net;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Events;

/// <summary>The bounds of <c>GET /auth/events</c>: a user's streams on one front end (docs/threat-model.md, T68).</summary>
public sealed class EventStreamLimitTests : IClassFixture<EventStreamLimitTests.TwoStreamsPerUser>
{
    private readonly TwoStreamsPerUser _fixture;

    public EventStreamLimitTests(TwoStreamsPerUser fixture) => _fixture = fixture;

    private WebGrid Grid => _fixture.Grid;

    [Fact]
    public async Task AUsersStreamBeyondThePerUserLimitIsRefusedWith429AndOtherUsersStillOpenTheirs()
    {
        var username = await Grid.RegisterAsync();
        using var laptop = await Grid.SignInBrowserAsync(username);
        using var first = await EventStreamClient.OpenedAsync(laptop);
        using var second = await EventStreamClient.OpenedAsync(laptop);

        using var third = await EventStreamClient.OpenAsync(laptop);
        using var someoneElse = await EventStreamClient.OpenAsync(await Grid.SignInBrowserAsync(await Grid.RegisterAsync()));

        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.Equal("application/problem+json", third.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Too many event streams", await third.Response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, someoneElse.Status);
    }

    /// <summary>A front end that keeps two streams per user.</summary>
    public sealed class TwoStreamsPerUser() : WebGridFixture(new WebGrid(new Dictionary<string, string?>
    {
        ["Sessions:Web:EventStreamsPerUser"] = "2",
    }));
}
