using System.Net;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Events;

/// <summary>The bounds of <c>GET /auth/events</c>: a user's streams on one front end, and the front end's
/// (docs/threat-model.md, B50, T68).</summary>
public sealed class EventStreamLimitTests : IClassFixture<SmallEventStreamLimits>
{
    private readonly SmallEventStreamLimits _fixture;

    public EventStreamLimitTests(SmallEventStreamLimits fixture) => _fixture = fixture;

    private WebGrid Grid => _fixture.Grid;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AStreamBeyondTheUsersLimitIs429AndOneBeyondTheFrontEndsLimitIs503()
    {
        using var laptop = await Grid.SignInBrowserAsync(await Grid.RegisterAsync());
        using var colleague = await Grid.SignInBrowserAsync(await Grid.RegisterAsync());
        using var latecomer = await Grid.SignInBrowserAsync(await Grid.RegisterAsync());
        using var first = await EventStreamClient.OpenedAsync(laptop);
        using var second = await EventStreamClient.OpenedAsync(laptop);

        using var third = await EventStreamClient.OpenAsync(laptop);
        using var colleagues = await EventStreamClient.OpenAsync(colleague);
        using var beyondFrontEnd = await EventStreamClient.OpenAsync(latecomer);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.Equal("application/problem+json", third.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Too many event streams", await third.Response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(HttpStatusCode.OK, colleagues.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, beyondFrontEnd.Status);
        Assert.Equal("application/problem+json", beyondFrontEnd.Response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(beyondFrontEnd.Response.Headers.RetryAfter);
    }
}
