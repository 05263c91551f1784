using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace Sessions.Web.Events;

/// <summary>
/// The wire format of <c>GET /auth/events</c> (HTML Living Standard, "Server-sent events"): UTF-8 lines, an event is
/// <c>event:</c> and <c>data:</c> lines ended by a blank line, a line starting with <c>:</c> is a comment that clients
/// ignore (the keep-alive). Every write is flushed at once: an event buffered anywhere is a sign-out shown late.
/// </summary>
internal static class ServerSentEvents
{
    public const string ContentType = "text/event-stream";

    /// <summary>How long a browser waits before reconnecting after the connection drops (a front end restarted):
    /// 5 s, so a cluster's front ends are not all hit at once and a page still catches up quickly.</summary>
    private static readonly byte[] Opening = Encoding.UTF8.GetBytes("retry: 5000\n: connected\n\n");

    private static readonly byte[] KeepAlive = Encoding.UTF8.GetBytes(": keep-alive\n\n");

    private static readonly byte[] RevokedEvent = Encoding.UTF8.GetBytes("event: signed-out\ndata: {\"reason\":\"revoked\"}\n\n");

    private static readonly byte[] ExpiredEvent = Encoding.UTF8.GetBytes("event: signed-out\ndata: {\"reason\":\"expired\"}\n\n");

    /// <summary>Sends the status line and headers with the opening lines: the client's stream is open from here. No
    /// cache may keep it, and nginx must not buffer it (<c>X-Accel-Buffering: no</c>).</summary>
    public static Task OpenAsync(HttpResponse response, CancellationToken cancellation)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        return WriteAsync(response, Opening, cancellation);
    }

    public static Task KeepAliveAsync(HttpResponse response, CancellationToken cancellation) => WriteAsync(response, KeepAlive, cancellation);

    public static Task SignedOutAsync(HttpResponse response, SignOutReason reason, CancellationToken cancellation) =>
        WriteAsync(response, reason == SignOutReason.Expired ? ExpiredEvent : RevokedEvent, cancellation);

    private static async Task WriteAsync(HttpResponse response, byte[] bytes, CancellationToken cancellation)
    {
        await response.Body.WriteAsync(bytes, cancellation);
        await response.Body.FlushAsync(cancellation);
    }
}
