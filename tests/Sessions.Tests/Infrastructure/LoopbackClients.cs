using System.Net;
using System.Net.Sockets;

namespace Sessions.Tests.Infrastructure;

/// <summary>Plain HTTP clients for real loopback servers: no cookie jar, no redirects followed, and optionally
/// connecting from another loopback address (127.0.0.2 …) so a server sees a different client address.</summary>
public static class LoopbackClients
{
    public static HttpClient To(Uri server, IPAddress? from = null)
    {
        var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false };
        if (from is not null)
        {
            handler.ConnectCallback = async (context, cancel) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancel);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return new HttpClient(handler) { BaseAddress = server };
    }
}
