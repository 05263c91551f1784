namespace Sessions.Bench.Chaos;

/// <summary>
/// Validation availability of live credentials: a validation counts when what it presented was live from its
/// invocation to its answer (issued before, and nothing that may end or replace it was invoked before the answer
/// came: see <see cref="UserHistory"/>); it is available when the answer was 200. Counted overall, and apart for the
/// validations that overlap a kill's window.
/// </summary>
internal sealed class Availability
{
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);

    public int Validations { get; private set; }

    public int Failed { get; private set; }

    public IReadOnlyDictionary<string, int> FailuresByAnswer => _failures;

    public double Percent => Validations == 0 ? 0 : 100.0 * (Validations - Failed) / Validations;

    public void Add(HistoryEntry validation)
    {
        Validations++;
        if (validation.Outcome != Outcomes.Ok)
        {
            Failed++;
            var answer = validation.Status == 0 ? $"no answer ({validation.Error})" : $"{validation.Status} ({validation.Outcome})";
            _failures[answer] = _failures.GetValueOrDefault(answer) + 1;
        }
    }

    /// <summary>Whether <paramref name="validation"/> presented a credential live throughout.</summary>
    public static bool IsOfLiveCredential(UserHistory user, HistoryEntry validation) =>
        user.BearerOf(validation) is { } bearer && bearer.Issuer.Completed < validation.Invoked && validation.Completed < bearer.MayEndAt;
}
