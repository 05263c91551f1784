using System.Diagnostics;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Messaging;
using Sessions.Grains.Abstractions.Users;
using Sessions.Web.Hosting;

namespace Sessions.Web.Grid;

/// <summary>
/// Asks a user's grain a question that changes nothing (a validation, an introspection) again when the answer was
/// lost on the way: the silo hosting the grain died, or the gateway this front end reached it through dropped. It
/// keeps asking, with a short backoff, within the request's budget, <see cref="WebOptions.GrainCallTimeout"/>; then
/// the last failure stands and the request fails closed (503). A refusal by the grain is an answer, never retried.
/// Only for reads: a retried write could apply twice (a refresh would rotate twice), so sign-in, refresh and every
/// revocation stay one attempt. A retry asks the grain again and nothing is cached, so a revoked credential stays
/// refused throughout (docs/invariants.md, invariant 1). In embedded mode the silo is this process: nothing can be
/// lost in between, so reads go straight through.
/// </summary>
public sealed partial class GrainReadRetry(IOptions<WebOptions> options, ILogger<GrainReadRetry> logger)
{
    /// <summary>How long the first attempt may take before it counts as lost; doubled for every later attempt. A
    /// call that went out through a gateway just before that silo died is never answered, and an Orleans client does
    /// not fail it when the gateway's connection closes: it ends only at the response timeout, which is the whole
    /// budget (dotnet/orleans: src/Orleans.Core/Runtime/OutsideRuntimeClient.cs, Networking/ClientOutboundConnection.cs).
    /// A validation takes well under a millisecond in the grain, so after this it is asked again, elsewhere.</summary>
    internal static readonly TimeSpan FirstAttemptLimit = TimeSpan.FromSeconds(1);

    /// <summary>The wait before the second attempt, doubled up to <see cref="MaxBackoff"/>: a refused call (the
    /// hosting silo is gone but not yet declared dead, or no gateway is connected) comes back at once, and
    /// asking in a tight loop would only add load until membership catches up.</summary>
    internal static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);

    internal static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan OneMillisecond = TimeSpan.FromMilliseconds(1);

    private readonly TimeSpan _budget = options.Value.GrainCallTimeout;
    private readonly bool _embedded = options.Value.Silo == SiloMode.Embedded;

    /// <summary>Validates <paramref name="token"/> on <paramref name="grain"/>, retried as described above.</summary>
    public ValueTask<ValidationResult> ValidateAsync(IUserGrain grain, string token, CancellationToken aborted) =>
        ReadAsync(grain, token, static (grain, token) => grain.ValidateAsync(token), aborted);

    /// <summary>Runs <paramref name="read"/> (which must change nothing) against <paramref name="grain"/>, retried as
    /// described above. Exceptions other than a lost answer, and the last lost one, reach the caller.</summary>
    public ValueTask<TResult> ReadAsync<TState, TResult>(
        IUserGrain grain, TState state, Func<IUserGrain, TState, ValueTask<TResult>> read, CancellationToken aborted) =>
        _embedded ? read(grain, state) : RetryAsync(grain, state, read, aborted);

    /// <summary>
    /// Whether the answer was lost between this front end and the grain, so the question may simply be asked again:
    /// the target silo is unavailable or known dead (<see cref="SiloUnavailableException"/>), a silo on the way
    /// refused to forward the message, for instance because it cannot connect to the dead one
    /// (<see cref="OrleansMessageRejectionException"/>, its base), the gateway is shedding load
    /// (<see cref="GatewayTooBusyException"/>), no gateway connection could be made (<see cref="ConnectionFailedException"/>),
    /// no answer came in time (<see cref="TimeoutException"/>), or the cluster cancelled the call's directory lookup
    /// because the silo owning that part of the directory was declared dead (<see cref="OperationCanceledException"/>
    /// while the request itself was not aborted; Orleans' own directory treats it and a rejection alike, as "the
    /// target was declared dead"). Anything else, such as a storage failure inside the grain, is not a lost answer
    /// (dotnet/orleans: src/Orleans.Core/Runtime/CallbackData.cs, Messaging/GatewayManager.cs,
    /// src/Orleans.Runtime/GrainDirectory/DistributedGrainDirectory.cs).
    /// </summary>
    internal static bool IsLostAnswer(Exception exception) => exception
        is OrleansMessageRejectionException
        or GatewayTooBusyException
        or ConnectionFailedException
        or TimeoutException
        or OperationCanceledException;

    private async ValueTask<TResult> RetryAsync<TState, TResult>(
        IUserGrain grain, TState state, Func<IUserGrain, TState, ValueTask<TResult>> read, CancellationToken aborted)
    {
        var started = Stopwatch.GetTimestamp();
        var attemptLimit = FirstAttemptLimit;
        var backoff = FirstBackoff;
        for (var attempt = 1; ; attempt++)
        {
            Task<TResult>? call = null;
            try
            {
                call = read(grain, state).AsTask();
                var result = await call.WaitAsync(LimitOf(attemptLimit, started), aborted);
                if (attempt > 1)
                {
                    LogRecovered(logger, attempt, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                return result;
            }
            catch (Exception exception) when (IsLostAnswer(exception) && !aborted.IsCancellationRequested && Remaining(started) > backoff)
            {
                LogRetrying(logger, attempt, exception.GetType().Name);
            }
            finally
            {
                ObserveIfAbandoned(call);
            }

            await Task.Delay(backoff, aborted);
            backoff = Min(backoff * 2, MaxBackoff);
            attemptLimit *= 2;
        }
    }

    /// <summary>A call given up on (its attempt limit passed, or the request was aborted) still ends later, when
    /// Orleans times it out; its outcome is observed so it never surfaces as an unobserved task exception.</summary>
    private static void ObserveIfAbandoned(Task? call)
    {
        if (call is { IsCompleted: false })
        {
            _ = call.ContinueWith(static abandoned => abandoned.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>An attempt's limit within what is left of the budget; at least a millisecond, since a retry starts
    /// only with budget left and its backoff may overshoot that slightly.</summary>
    private TimeSpan LimitOf(TimeSpan attemptLimit, long started)
    {
        var bounded = Min(attemptLimit, Remaining(started));
        return bounded > OneMillisecond ? bounded : OneMillisecond;
    }

    private TimeSpan Remaining(long started) => _budget - Stopwatch.GetElapsedTime(started);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(3401, LogLevel.Debug, "A grain read lost its answer on attempt {Attempt} ({ExceptionType}); asking again",
        EventName = "GrainReadRetrying")]
    private static partial void LogRetrying(ILogger logger, int attempt, string exceptionType);

    [LoggerMessage(3402, LogLevel.Information, "A grain read was answered on attempt {Attempt}, {Milliseconds:F0} ms after the first",
        EventName = "GrainReadRecovered")]
    private static partial void LogRecovered(ILogger logger, int attempt, double milliseconds);
}
