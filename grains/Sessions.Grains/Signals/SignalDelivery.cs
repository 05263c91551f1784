using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Sessions.Grains.Signals;

/// <summary>
/// Pushes one Security Event Token to a receiver (RFC 8935): <c>POST</c> with <c>Content-Type:
/// application/secevent+jwt</c> and <c>Accept: application/json</c>, the configured <c>Authorization</c> header, no
/// redirects followed (one would carry the header elsewhere), bounded by <c>Sessions:Signals:DeliveryTimeout</c>.
/// One client per silo, its connections pooled and renewed every two minutes so DNS changes are seen.
/// </summary>
internal sealed class SignalDelivery : IDisposable
{
    private const int MaxErrorBody = 4096;

    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;

    public SignalDelivery(IOptions<SignalsOptions> options)
    {
        _timeout = options.Value.DeliveryTimeout;
        _client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = _timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,   // each push has its own deadline below
        };
    }

    public async Task<DeliveryResult> PushAsync(SignalReceiverOptions receiver, string token)
    {
        using var deadline = new CancellationTokenSource(_timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, receiver.EndpointUrl)
        {
            Content = new StringContent(token, Encoding.ASCII, SecurityEventTokenWriter.MediaType),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(SecurityEventTokenWriter.MediaType);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (receiver.AuthorizationHeader is { } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            return await ClassifyAsync(response, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryOutcome.Retry, "timeout");
        }
        catch (HttpRequestException exception)
        {
            return new DeliveryResult(DeliveryOutcome.Retry, Describe(exception));
        }
    }

    public void Dispose() => _client.Dispose();

    private static async Task<DeliveryResult> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
        {
            return new DeliveryResult(DeliveryOutcome.Delivered, null);
        }

        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var error = await ReadErrorCodeAsync(response, cancellationToken);
            return new DeliveryResult(DeliveryOutcome.Rejected, error is null ? "HTTP 400" : $"HTTP 400 {error}");
        }

        return new DeliveryResult(DeliveryOutcome.Retry, $"HTTP {status}");
    }

    /// <summary>The RFC 8935 §2.3 <c>err</c> code, when it is a plain token; the description is the receiver's free
    /// text and is never kept.</summary>
    private static async Task<string?> ReadErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (body.Length > MaxErrorBody)
            {
                return null;
            }

            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("err", out var err) && err.ValueKind == JsonValueKind.String
                && err.GetString() is { Length: > 0 and <= 40 } code && code.All(c => c is (>= 'a' and <= 'z') or '_')
                ? code
                : null;
        }
        catch (Exception exception) when (exception is JsonException or HttpRequestException or OperationCanceledException)
        {
            return null;
        }
    }

    private static string Describe(HttpRequestException exception) => exception.InnerException switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        SocketException socket => $"socket error {socket.SocketErrorCode}",
        _ => exception.HttpRequestError == HttpRequestError.Unknown ? "request failed" : $"request failed ({exception.HttpRequestError})",
    };
}
