using System.Net;
using System.Net.Sockets;
using System.Text;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Web;

/// <summary>Bad input B13 (docs/threat-model.md) against real Kestrel: oversized request lines and headers are refused with
/// 414/431 (never a 5xx, never a success); an oversized cookie is just an invalid credential.</summary>
public sealed class HeaderLimitTests : IAsyncDisposable
{
    private readonly WebGrid _grid = WebGrid.StartOnKestrel();

    public ValueTask DisposeAsync() => _grid.DisposeAsync();

    [Fact]
    public async Task OversizedRequestLinesAndHeadersAreRefusedByTheServer()
    {
        var longLine = await SendAsync($"GET /auth/me?pad={new string('a', 9 * 1024)} HTTP/1.1\r\nHost: localhost\r\n\r\n");
        var hugeHeaders = await SendAsync(
            "GET /auth/me HTTP/1.1\r\nHost: localhost\r\n" +
            string.Concat(Enumerable.Range(0, 40).Select(i => $"X-Pad-{i}: {new string('b', 1000)}\r\n")) + "\r\n");
        var manyHeaders = await SendAsync(
            "GET /auth/me HTTP/1.1\r\nHost: localhost\r\n" + string.Concat(Enumerable.Range(0, 120).Select(i => $"X-N-{i}: 1\r\n")) + "\r\n");
        var bigCookie = await SendAsync(
            $"GET /auth/me HTTP/1.1\r\nHost: localhost\r\nCookie: __Host-sid=sgb_{new string('A', 5000)}\r\n\r\n");
        var bigBearer = await SendAsync(
            $"GET /auth/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer sga_{new string('A', 20_000)}\r\n\r\n");

        Assert.Equal(HttpStatusCode.RequestUriTooLong, longLine);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, hugeHeaders);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, manyHeaders);
        Assert.Equal(HttpStatusCode.Unauthorized, bigCookie);
        Assert.Equal(HttpStatusCode.Unauthorized, bigBearer);
        Assert.Equal(0, _grid.GrainCalls.Calls);
    }

    [Fact]
    public async Task HeaderInjectionAttemptsAreRejectedAndNeverReflected()
    {
        var crlf = await SendRawAsync("GET /auth/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer sga_x\rSet-Cookie: evil=1\r\n\r\n");
        var nul = await SendRawAsync("GET /auth/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer sga_\0abc\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400", crlf, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", crlf, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 400", nul, StringComparison.Ordinal);
    }

    private async Task<HttpStatusCode> SendAsync(string request)
    {
        var response = await SendRawAsync(request);
        return (HttpStatusCode)int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<string> SendRawAsync(string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _grid.ServerAddress!.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        var buffer = new byte[8192];
        var read = await stream.ReadAsync(buffer);
        return Encoding.Latin1.GetString(buffer, 0, read);
    }
}
