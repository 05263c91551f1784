using System.Collections.Concurrent;
using System.Diagnostics;
using Sessions.Grains.Abstractions.Users;

namespace Sessions.Tests.Infrastructure;

/// <summary>
/// What clients did and saw, on one monotonic clock (the conventions of docs/threat-model.md, test index): every validation with its
/// invoke and completion times and outcome, and every acknowledged revocation with the credentials it covered. The
/// checks are the invariants an elastic cluster must keep.
/// </summary>
public sealed class RevocationHistory
{
    private readonly ConcurrentQueue<Validation> _validations = new();
    private readonly ConcurrentDictionary<string, (string UserId, long At)> _revoked = new(StringComparer.Ordinal);

    public int Operations => _validations.Count + _revoked.Count;

    /// <summary>Every credential whose revocation was acknowledged, with its user.</summary>
    public IEnumerable<(string UserId, string Credential)> RevokedCredentials => _revoked.Select(r => (r.Value.UserId, r.Key));

    public static long Now() => Stopwatch.GetTimestamp();

    public void Validated(string credential, long invokedAt, ValidationOutcome? outcome) =>
        _validations.Enqueue(new Validation(credential, invokedAt, Now(), outcome));

    /// <summary>Records that a revocation covering <paramref name="credentials"/> of a user was acknowledged now.</summary>
    public void Revoked(string userId, IEnumerable<string> credentials)
    {
        var acknowledgedAt = Now();
        foreach (var credential in credentials)
        {
            _revoked.TryAdd(credential, (userId, acknowledgedAt));
        }
    }

    /// <summary>Validations that started after the credential's revocation was acknowledged, and succeeded.</summary>
    public int AcceptedAfterRevocation() =>
        _validations.Count(v => v.Outcome == ValidationOutcome.Valid
            && _revoked.TryGetValue(v.Credential, out var revoked) && v.InvokedAt > revoked.At);

    /// <summary>Credentials that were denied and later, in a validation started after that denial, accepted again.</summary>
    public int Resurrected() =>
        _validations.GroupBy(v => v.Credential).Count(credential =>
        {
            var firstDenial = credential.Where(v => v.Outcome == ValidationOutcome.Denied).Select(v => v.CompletedAt).DefaultIfEmpty(long.MaxValue).Min();
            return credential.Any(v => v.Outcome == ValidationOutcome.Valid && v.InvokedAt > firstDenial);
        });

    public int Count(ValidationOutcome? outcome) => _validations.Count(v => v.Outcome == outcome);

    private sealed record Validation(string Credential, long InvokedAt, long CompletedAt, ValidationOutcome? Outcome);
}
