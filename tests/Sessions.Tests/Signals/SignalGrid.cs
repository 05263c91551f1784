using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Signals;

/// <summary>
/// A web front end on Kestrel (its co-hosted silo on SQLite, the fake clock) configured with one receiver, and that
/// receiver (tests/idp/receiver.mjs) verifying every token against the grid's own JWKS. Tests make their own users.
/// </summary>
public class SignalGrid : IAsyncDisposable
{
    public const string Issuer = "https://grid.example";
    public const string ReceiverName = "app";
    public const string OperatorKey = "signals-operator-key-0123456789";

    private SignalGrid(WebGrid grid, SignalReceiver receiver)
    {
        Grid = grid;
        Receiver = receiver;
    }

    public WebGrid Grid { get; }

    public SignalReceiver Receiver { get; }

    public IGrainFactory Grains => Grid.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts the grid and its receiver; <paramref name="receiverListens"/> false leaves the endpoint dead
    /// (connection refused) and starts a receiver nobody sends to.</summary>
    public static async Task<SignalGrid> StartAsync(
        int[]? responses = null, int? alwaysStatus = null, IReadOnlyDictionary<string, string?>? settings = null, bool receiverListens = true)
    {
        var receiverPort = FreePorts.Next();
        var endpointPort = receiverListens ? receiverPort : FreePorts.Next();
        var all = Settings(SignalReceiver.EndpointAt(endpointPort));
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var grid = WebGrid.StartOnKestrel(all);
        var receiver = await SignalReceiver.StartAsync(receiverPort, grid.ServerAddress!, Issuer, responses, alwaysStatus);
        return new SignalGrid(grid, receiver);
    }

    /// <summary>The settings of a grid transmitting to one receiver at <paramref name="endpoint"/>.</summary>
    public static Dictionary<string, string?> Settings(string endpoint) => new()
    {
        ["Sessions:Signals:Issuer"] = Issuer,
        [$"Sessions:Signals:Receivers:{ReceiverName}:EndpointUrl"] = endpoint,
        [$"Sessions:Signals:Receivers:{ReceiverName}:Audience"] = SignalReceiver.Audience,
        ["Sessions:Admin:Keys:signals"] = OperatorKey,
    };

    /// <summary>The receiver's line of <c>GET /admin/signals</c>.</summary>
    public async Task<AdminReceiver> StatusAsync()
    {
        using var client = Grid.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);
        var body = await client.GetFromJsonAsync<AdminSignals>("/admin/signals", TestContext.Current.CancellationToken);
        return body!.Receivers.Single(r => r.Name == ReceiverName);
    }

    /// <summary>Moves the fake clock, which wakes the recovery pass (every queue attempts what is due).</summary>
    public void Advance(TimeSpan by) => Grid.Clock.Advance(by);

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await Grid.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed record AdminSignals(AdminReceiver[] Receivers);

public sealed record AdminReceiver(
    string Name, int Queued, double? OldestAgeSeconds, long Delivered, long Failed, long Dropped, long Expired,
    string? LastError, DateTimeOffset? LastErrorAt, DateTimeOffset? LastDeliveredAt);
