using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Sessions.Tests.Infrastructure;

/// <summary>Loopback ports for test hosts to listen on (or for a server that cannot be reached): the one place
/// tests get a port from.</summary>
public static class FreePorts
{
    // Below Linux's ephemeral range (32768-60999), so an outgoing connection cannot take a port between the
    // moment it is handed out and the moment a server binds it; never the same port twice in one run.
    private const int First = 20000;
    private const int Last = 32000;

    private static readonly ConcurrentDictionary<int, bool> HandedOut = new();

    /// <summary>A loopback TCP port nobody listens on right now and no other test of this run was given.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            if (HandedOut.TryAdd(port, true) && IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port in {First}-{Last}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
