namespace Sessions.Bench.Flood;

/// <summary>
/// A seeded account and what it is for: <c>token</c> (holds the app tokens the validation load presents; the
/// <c>taken</c> flood registers these names again), <c>probe</c> (the legitimate sign-ins; never flooded) or
/// <c>spray:SLICE</c> (the real users one password-spraying scenario guesses at, a fresh slice per scenario so the
/// per-account throttle of one scenario does not decide the next).
/// </summary>
internal sealed record Account(string Role, string Username, string Password)
{
    public static IReadOnlyList<Account> Read(string file) => File.ReadLines(file)
        .Select(line => line.Split('\t'))
        .Select(fields => new Account(fields[0], fields[1], fields[2]))
        .ToList();

    public static void Write(string file, IEnumerable<Account> accounts) =>
        File.WriteAllLines(file, accounts.Select(a => $"{a.Role}\t{a.Username}\t{a.Password}"));
}
