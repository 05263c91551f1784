using System.Net;
using System.Net.Http.Headers;

namespace Sessions.Tests.Events;

/// <summary>
/// <c>GET /auth/events</c> read the way an EventSource reads it: line by line, a block per blank line. Each read waits
/// at most <see cref="ReadLimit"/> (real time), so a stream that never says anything fails the test instead of hanging it.
/// </summary>
public sealed class EventStreamClient : IDisposable
{
    /// <summary>How long one read may wait: generous, this guards against a hang, it measures nothing.</summary>
    public static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(15);

    private readonly HttpResponseMessage _response;
    private readonly StreamReader? _reader;

    private EventStreamClient(HttpResponseMessage response, StreamReader? reader)
    {
        _response = response;
        _reader = reader;
    }

    public HttpResponseMessage Response => _response;

    public HttpStatusCode Status => _response.StatusCode;

    /// <summary>Opens the stream through <paramref name="client"/> (cookie or bearer as the client holds them).</summary>
    public static async Task<EventStreamClient> OpenAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var reader = response.IsSuccessStatusCode
            ? new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken))
            : null;
        return new EventStreamClient(response, reader);
    }

    /// <summary>Opens the stream and reads its opening comment: from here the server holds the stream.</summary>
    public static async Task<EventStreamClient> OpenedAsync(HttpClient client)
    {
        var stream = await OpenAsync(client);
        Assert.Equal(HttpStatusCode.OK, stream.Status);
        Assert.Equal("connected", (await stream.NextAsync())?.Comment);
        return stream;
    }

    /// <summary>The next block, or null when the server closed the stream.</summary>
    public async Task<ServerSentEvent?> NextAsync()
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(ReadLimit);
        string? name = null, data = null, comment = null;
        while (await _reader!.ReadLineAsync(limit.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is not null || data is not null || comment is not null)
                {
                    return new ServerSentEvent(name, data, comment);
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                comment = line[1..].Trim();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data = line["data:".Length..].Trim();
            }
        }

        return null;
    }

    /// <summary>The next event, skipping keep-alive comments; null when the stream closed first.</summary>
    public async Task<ServerSentEvent?> NextEventAsync()
    {
        while (await NextAsync() is { } block)
        {
            if (block.Event is not null)
            {
                return block;
            }
        }

        return null;
    }

    /// <summary>Asserts that the next event is <c>signed-out</c> with <paramref name="reason"/> and that the server then
    /// closes the stream.</summary>
    public async Task AssertSignedOutAndClosedAsync(string reason)
    {
        var signedOut = await NextEventAsync();

        Assert.Equal("signed-out", signedOut?.Event);
        Assert.Equal($$"""{"reason":"{{reason}}"}""", signedOut?.Data);
        Assert.Null(await NextAsync());
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _response.Dispose();
    }
}
