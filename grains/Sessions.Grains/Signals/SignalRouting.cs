using Microsoft.Extensions.Options;
using Sessions.Grains.Abstractions.Signals;

namespace Sessions.Grains.Signals;

/// <summary>Which receivers get which signals (<c>Sessions:Signals:Receivers:&lt;name&gt;:Events</c>, default all),
/// resolved once.</summary>
internal sealed class SignalRouting(IOptions<SignalsOptions> options)
{
    private readonly (string Name, HashSet<string>? Types)[] _receivers = [.. options.Value.Receivers
        .Select(r => (r.Key, r.Value.Events.Count == 0 ? null : r.Value.Events.Select(e => SignalEvents.Resolve(e)!).ToHashSet(StringComparer.Ordinal)))];

    public SignalsOptions Options => options.Value;

    /// <summary>Whether any receiver is configured: without one nothing is queued.</summary>
    public bool Transmits => _receivers.Length > 0;

    /// <summary>Each receiver with the signals of <paramref name="signals"/> it gets (none left out when it gets none).</summary>
    public IEnumerable<(string Receiver, SecuritySignal[] Signals)> Route(IReadOnlyCollection<SecuritySignal> signals)
    {
        foreach (var (name, types) in _receivers)
        {
            var wanted = types is null ? [.. signals] : signals.Where(s => types.Contains(SignalEvents.TypeOf(s.Kind))).ToArray();
            if (wanted.Length > 0)
            {
                yield return (name, wanted);
            }
        }
    }
}
