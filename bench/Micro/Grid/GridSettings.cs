using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Sessions.Bench.Micro.Grid;

/// <summary>The <c>Sessions:*</c> keys a benchmark grid runs with: free loopback ports, a grid key generated for the
/// run, its files in a temporary directory, and cheap password hashing (sign-in is set-up here, not measured).</summary>
internal static class GridSettings
{
    public static Dictionary<string, string?> For(string dataDirectory, int siloPort, int gatewayPort, string gridKey) => new()
    {
        ["Sessions:Cluster:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
        ["Sessions:Cluster:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
        ["Sessions:GridKeys:Keys:1"] = gridKey,
        ["Sessions:GridKeys:ActiveId"] = "1",
        ["Sessions:GridKeys:GenerateIfMissing"] = "false",
        ["Sessions:Storage:Provider"] = "Sqlite",
        ["Sessions:Storage:DataDirectory"] = dataDirectory,
        ["Sessions:AccessTokenLifetime"] = "02:00:00",
        ["Sessions:PasswordHashing:IterationCount"] = "1000",
    };

    public static string NewGridKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string NewDataDirectory() => Directory.CreateTempSubdirectory("session-grid-micro.").FullName;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
