using System.Security.Cryptography;

namespace Sessions.Bench.Flood;

/// <summary>What an unauthenticated attacker sends, one kind per scenario. Every call makes the next request.</summary>
internal static class FloodRequests
{
    public static readonly string[] Kinds = ["unknown", "spray", "register", "taken"];

    public static Func<HttpRequestMessage> For(string kind, IReadOnlyList<Account> accounts, string slice)
    {
        var next = -1;
        int Next() => Interlocked.Increment(ref next);
        var run = Hex(4);
        return kind switch
        {
            // Sign-in with usernames nobody has: the grid checks a decoy hash so the answer takes as long as for a
            // real user (docs/invariants.md, invariant 9), so each costs a full password check.
            "unknown" => () => Exchange.Login($"nobody-{Hex(6)}", Hex(8)),

            // Password spraying: real usernames, wrong passwords, in turn over the scenario's slice of accounts, so
            // each account is guessed at as rarely as the slice allows.
            "spray" => Cycle(accounts, "spray:" + slice, account => Exchange.Login(account.Username, "guess-" + Hex(6))),

            // New accounts: each costs a password hash and a durable write.
            "register" => () => Exchange.Register($"flood-{run}-{Next()}", "flood-" + Hex(6)),

            // Registering names that exist: tells the attacker which usernames are taken.
            "taken" => Cycle(accounts, "token", account => Exchange.Register(account.Username, "flood-" + Hex(6))),

            _ => throw new ArgumentException($"Unknown flood '{kind}' (one of {string.Join(", ", Kinds)})."),
        };

        Func<HttpRequestMessage> Cycle(IReadOnlyList<Account> all, string role, Func<Account, HttpRequestMessage> request)
        {
            var targets = all.Where(a => a.Role == role).ToArray();
            if (targets.Length == 0)
            {
                throw new ArgumentException($"No '{role}' accounts were seeded.");
            }

            return () => request(targets[Next() % targets.Length]);
        }
    }

    private static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
