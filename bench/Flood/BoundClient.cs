using System.Net;
using System.Net.Sockets;

namespace Sessions.Bench.Flood;

/// <summary>
/// HTTP clients whose connections leave from a chosen source address. Every 127.0.0.0/8 address is loopback on
/// Linux, so binding the socket before connecting lets one machine play clients on different networks: the grid
/// limits sign-in and registration per client address and per /24.
/// </summary>
internal static class BoundClient
{
    /// <param name="server">The base address of every request.</param>
    /// <param name="source">The address to connect from (any 127.x.y.z), or null for the system's choice.</param>
    /// <param name="connections">At most this many connections at once (1: one closed loop per client, like wrk).</param>
    /// <param name="timeout">How long one request may take, answer included.</param>
    public static HttpClient Create(Uri server, IPAddress? source, int connections, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = connections,
            ConnectCallback = (context, cancel) => ConnectAsync(context.DnsEndPoint, source, cancel),
        };
        return new HttpClient(handler) { BaseAddress = server, Timeout = timeout };
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint server, IPAddress? source, CancellationToken cancel)
    {
        var socket = source is null
            ? new Socket(SocketType.Stream, ProtocolType.Tcp)
            : new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.NoDelay = true;
            if (source is not null)
            {
                socket.Bind(new IPEndPoint(source, 0));
            }

            await socket.ConnectAsync(server, cancel);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
