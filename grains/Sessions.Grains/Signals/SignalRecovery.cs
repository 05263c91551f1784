using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sessions.Grains.Abstractions.Signals;
using Sessions.Grains.Hosting;

namespace Sessions.Grains.Signals;

/// <summary>
/// Makes sure nothing waits for a user to come back: when the silo becomes active, and every
/// <c>Sessions:Signals:RecoveryInterval</c> after, wakes every shard of the pending index (which dispatches the
/// outboxes a crash left full) and every receiver's queue shards (which resume their pushes, stored across restarts).
/// Every silo does it; a wake of a shard that another silo woke changes nothing. The first pass waits until the host has
/// started: in the embedded default the front end that publishes the signing keys listens only then, and a receiver
/// that cannot fetch them answers 400, which is final. The schedule runs on the grid's clock, so tests drive it with
/// their fake one.
/// </summary>
internal sealed partial class SignalRecovery(
    IGrainFactory grains,
    IOptions<SignalsOptions> options,
    [FromKeyedServices(SessionGrid.ClockKey)] TimeProvider time,
    IHostApplicationLifetime host,
    ILogger<SignalRecovery> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SignalRecovery), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    public void Dispose() => _stopping.Dispose();

    private Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Transmits)
        {
            _loop = Task.Run(RunAsync, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(options.Value.RecoveryInterval, time);
        if (!await StartedAsync())
        {
            return;
        }

        do
        {
            await WakeAllAsync();
        }
        while (await Tick(timer));
    }

    private async Task<bool> StartedAsync()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = host.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = _stopping.Token.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> Tick(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>One recovery pass; also what tests call after moving the clock.</summary>
    internal async Task WakeAllAsync()
    {
        var wakes = Enumerable.Range(0, SignalShards.Count).Select(shard => grains.GetGrain<ISignalPendingIndexGrain>(SignalShards.IndexKey(shard)).WakeAsync())
            .Concat(options.Value.Receivers.Keys.SelectMany(receiver => Enumerable.Range(0, SignalShards.Count)
                .Select(shard => grains.GetGrain<ISignalQueueGrain>(SignalShards.QueueKey(receiver, shard)).WakeAsync())));
        try
        {
            await Task.WhenAll(wakes);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogWakeFailed(logger, exception.GetType().Name);
        }
    }

    [LoggerMessage(5121, LogLevel.Warning, "A signal recovery pass did not reach every shard ({ExceptionType}); the next pass tries again")]
    private static partial void LogWakeFailed(ILogger logger, string exceptionType);
}
