using Microsoft.Extensions.Options;
using Sessions.Grains.Abuse;
using Sessions.Grains.Hosting;

namespace Sessions.Web.Abuse;

/// <summary>
/// Holds the answer to a request the per-address limit refused for <see cref="AbuseOptions.RejectionDelay"/>, on a
/// timer (no thread, no CPU while it waits), so a client that hammers over closed-loop connections gets at most one
/// answer per connection per delay. At most <see cref="MaxHeld"/> answers are held at once by one front end; beyond
/// that they are answered at once, so held connections cannot grow memory without bound.
/// </summary>
internal sealed class RejectionTarpit
{
    /// <summary>Answers held at once, at most, per front end.</summary>
    public const int MaxHeld = 1024;

    private readonly TimeProvider _time;
    private readonly TimeSpan _delay;
    private readonly int _capacity;
    private int _held;

    public RejectionTarpit([FromKeyedServices(SessionGrid.ClockKey)] TimeProvider time, IOptions<AbuseOptions> options)
        : this(time, options.Value.RejectionDelay, MaxHeld)
    {
    }

    internal RejectionTarpit(TimeProvider time, TimeSpan delay, int capacity)
    {
        _time = time;
        _delay = delay;
        _capacity = capacity;
    }

    /// <summary>Answers held now.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Waits the delay (at once when there is none or <see cref="MaxHeld"/> are held already); a client
    /// that goes away ends its wait.</summary>
    public async Task HoldAsync(CancellationToken aborted)
    {
        // Under a race a few more than the capacity may be held: the bound is on memory, not an exact count.
        if (_delay <= TimeSpan.Zero || Volatile.Read(ref _held) >= _capacity)
        {
            return;
        }

        // The delay starts before the answer counts as held, so whoever sees it held knows its clock is running.
        var wait = Task.Delay(_delay, _time, aborted);
        Interlocked.Increment(ref _held);
        try
        {
            await wait;
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client left; nobody reads the answer.
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }
    }
}
