using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Sessions.Grains.Diagnostics;

namespace Sessions.Grains.Abuse;

/// <summary>
/// The one place password hashing runs on a silo: on <see cref="AbuseOptions.MaxConcurrentPasswordHashes"/> dedicated
/// threads of its own — not the .NET thread pool, not an Orleans scheduler turn — fed by a queue of at most
/// <see cref="AbuseOptions.PasswordHashQueueLengthOrDefault"/> waiting checks. When the queue is full a caller is told
/// at once (<see cref="TryRun{T}"/> returns false) and nothing is hashed. So however many sign-ins arrive, hashing
/// takes at most that many cores, and the thread pool stays free for validation and the health probes. A grain awaits
/// the returned task: its own turn waits, other grains are unaffected.
/// </summary>
public sealed class PasswordHashGate : IDisposable
{
    private readonly BlockingCollection<WorkItem> _queue;
    private readonly int _threads;
    private readonly Counter<long> _refused;
    private long _averageTicks;
    private int _running;

    public PasswordHashGate(IOptions<AbuseOptions> options, IMeterFactory meters)
    {
        var abuse = options.Value;
        _threads = abuse.MaxConcurrentPasswordHashes;
        _queue = new BlockingCollection<WorkItem>(new ConcurrentQueue<WorkItem>(), abuse.PasswordHashQueueLengthOrDefault);
        _refused = meters.Create(GridMetrics.MeterName).CreateCounter<long>(
            "sessions.password_hashes_refused", unit: "{check}",
            description: "Password checks refused at once because every hashing slot and the queue were taken (answered 503).");
        for (var i = 0; i < _threads; i++)
        {
            new Thread(Work) { IsBackground = true, Name = $"password-hash-{i + 1}" }.Start();
        }
    }

    /// <summary>Checks waiting for a free hashing thread.</summary>
    public int Waiting => _queue.Count;

    /// <summary>Checks running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>How long a refused caller should wait: the time the queue takes to drain at the measured cost of a
    /// check, at least 1 s.</summary>
    public TimeSpan RetryAfter
    {
        get
        {
            var drain = TimeSpan.FromTicks(Interlocked.Read(ref _averageTicks) * _queue.BoundedCapacity / _threads);
            return drain > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(Math.Ceiling(drain.TotalSeconds)) : TimeSpan.FromSeconds(1);
        }
    }

    /// <summary>Queues <paramref name="work"/> for a hashing thread, or returns false at once when the queue is full.
    /// The task completes (asynchronously, never on the hashing thread) with the work's result or exception.</summary>
    public bool TryRun<T>(Func<T> work, [NotNullWhen(true)] out Task<T>? completion)
    {
        var item = new WorkItem<T>(work);
        if (!TryAdd(item))
        {
            _refused.Add(1);
            completion = null;
            return false;
        }

        completion = item.Completion;
        return true;
    }

    /// <summary>Lets the threads finish what is queued and end.</summary>
    public void Dispose() => _queue.CompleteAdding();

    private bool TryAdd(WorkItem item)
    {
        try
        {
            return _queue.TryAdd(item);
        }
        catch (InvalidOperationException)
        {
            return false; // the silo is stopping
        }
    }

    private void Work()
    {
        foreach (var item in _queue.GetConsumingEnumerable())
        {
            Interlocked.Increment(ref _running);
            var started = Stopwatch.GetTimestamp();
            item.Run();
            Remember(Stopwatch.GetElapsedTime(started));
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>A moving average of what one check costs (one eighth of each new measurement).</summary>
    private void Remember(TimeSpan elapsed)
    {
        var average = Interlocked.Read(ref _averageTicks);
        Interlocked.Exchange(ref _averageTicks, average == 0 ? elapsed.Ticks : average + ((elapsed.Ticks - average) / 8));
    }

    private abstract class WorkItem
    {
        public abstract void Run();
    }

    private sealed class WorkItem<T>(Func<T> work) : WorkItem
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Completion => _completion.Task;

        public override void Run()
        {
            try
            {
                _completion.SetResult(work());
            }
            catch (Exception exception)
            {
                _completion.SetException(exception);
            }
        }
    }
}
