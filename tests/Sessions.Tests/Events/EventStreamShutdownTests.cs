using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Events;

/// <summary>A front end that stops ends its streams cleanly, without saying signed-out: the credential is still live
/// and the page reconnects to another front end.</summary>
public sealed class EventStreamShutdownTests
{
    [Fact]
    public async Task WhenTheFrontEndStopsItsStreamsEndWithoutSigningOut()
    {
        var grid = new WebGrid();
        await using var stopping = grid;
        using var laptop = await grid.SignInBrowserAsync(await grid.RegisterAsync());
        using var stream = await EventStreamClient.OpenedAsync(laptop);
        var next = stream.NextAsync();

        await grid.DisposeAsync();

        Assert.Null(await next);
    }
}
