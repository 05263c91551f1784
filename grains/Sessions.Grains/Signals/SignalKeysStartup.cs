using Microsoft.Extensions.Logging;

namespace Sessions.Grains.Signals;

/// <summary>Loads the signing keys first thing when the silo starts, so a missing or unreadable key stops it with a
/// message naming the key instead of failing the first delivery.</summary>
internal sealed partial class SignalKeysStartup(IServiceProvider services, ILogger<SignalKeysStartup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SignalKeysStartup), ServiceLifecycleStage.First, Start);

    private Task Start(CancellationToken cancellationToken)
    {
        var keys = (SignalSigningKeys)services.GetService(typeof(SignalSigningKeys))!;
        if (keys.Active is { } active)
        {
            LogKeys(logger, keys.Keys.Count, active.Kid, active.Credentials.Algorithm);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(5141, LogLevel.Information, "Security events: {Count} signing keys published; signing with {Kid} ({Algorithm})")]
    private static partial void LogKeys(ILogger logger, int count, string kid, string algorithm);
}
