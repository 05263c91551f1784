using System.Diagnostics;
using System.Globalization;
using Sessions.Bench.Scaling.Grid;
using Sessions.Bench.Scaling.Reporting;
using Sessions.Grains.Abstractions.Accounts;
using Sessions.Grains.Abstractions.Users;

namespace Sessions.Bench.Scaling.Experiments;

/// <summary>
/// Sign-in and refresh throughput, each one durable write. <c>writes [--users 2000] [--iterations 1000]
/// [--concurrency 1,64] [--operations signin,refresh] [--series 3] [--warmup 5] [--duration 15]</c>: registers the
/// users through the grid's own path (PBKDF2 at the given iteration count, so no sign-in rehashes), then, per
/// concurrency, signs in app sessions through the username grain as <c>POST /auth/login</c> does (users taken in
/// turn), and refreshes each user's latest refresh token, every caller owning its own users so no token is
/// presented twice.
/// </summary>
internal static class WriteThroughputExperiment
{
    private const string Password = Seeding.Seeder.Password;

    public static async Task RunAsync(ExperimentContext context)
    {
        var arguments = context.Arguments;
        var users = arguments.Int("users", 2000);
        var iterations = arguments.Int("iterations", 1000);
        var levels = arguments.Ints("concurrency", [1, 64]);
        var operations = arguments.Texts("operations", ["signin", "refresh"]);
        var series = arguments.Int("series", 3);
        var warmup = TimeSpan.FromSeconds(arguments.Double("warmup", 5));
        var duration = TimeSpan.FromSeconds(arguments.Double("duration", 15));

        var storage = await context.CreateStorageAsync($"writes-{iterations}");
        await using var grid = await BenchGrid.StartAsync(storage, context.GridSettings(
            ("Sessions:PasswordHashing:IterationCount", iterations.ToString(CultureInfo.InvariantCulture))));
        var names = await RegisterAsync(grid, users);
        var refreshTokens = new string?[users];
        var request = new SignInRequest(CredentialKind.App, "Pixel 8", "198.51.100.23", "SessionGridApp/2.4 (Android 15; Pixel 8)");

        async ValueTask<bool> SignInAsync(int user)
        {
            var result = await grid.Grains.GetGrain<IUsernameGrain>(names[user]).SignInAsync(Password, request);
            refreshTokens[user] = result.Session?.RefreshToken ?? refreshTokens[user];
            return result.Outcome == SignInOutcome.SignedIn;
        }

        foreach (var operation in operations)
        {
            foreach (var concurrency in levels)
            {
                if (operation == "refresh")
                {
                    // Every user needs a live refresh token first (sign-ins measured above leave one per user they reached).
                    await Parallel.ForEachAsync(Enumerable.Range(0, users).Where(u => refreshTokens[u] is null),
                        new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (u, _) => await SignInAsync(u));
                }

                var record = new ThroughputRecord(storage.Name, operation, iterations, concurrency, users, []);
                for (var s = 1; s <= series; s++)
                {
                    var call = operation == "signin" ? SignInCaller(users, SignInAsync) : RefreshCaller(grid, users, concurrency, refreshTokens);
                    var window = await context.Windows.MeasureAsync($"{operation} c={concurrency}, series {s}",
                        () => Measuring.ClosedLoop.RunAsync(concurrency, warmup, duration, call));
                    record.Series.Add(ExperimentContext.Series(window));
                    Progress.Line($"writes: {storage.Name} {operation} (PBKDF2 {iterations:N0}) c={concurrency}, series {s}: {window.Result.RequestsPerSecond:F0}/s, p50 {window.Result.Latency.P50Us / 1000:F2} ms, p99 {window.Result.Latency.P99Us / 1000:F2} ms, {window.Result.Failures} failed, other {window.Usage.OtherCores:F2} cores");
                }

                context.Results.Append("throughput", record);
            }
        }
    }

    private static async Task<string[]> RegisterAsync(BenchGrid grid, int users)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var names = Enumerable.Range(0, users).Select(i => $"w-{run}-{i}").ToArray();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (name, _) =>
        {
            var result = await grid.Grains.GetGrain<IUsernameGrain>(name).RegisterAsync(Password);
            if (result.Outcome != RegistrationOutcome.Registered)
            {
                throw new InvalidOperationException($"Registering {name} failed: {result.Outcome}.");
            }
        });
        Progress.Line($"writes: registered {users:N0} users through the grid in {clock.Elapsed.TotalSeconds:F1} s");
        return names;
    }

    /// <summary>Sign-ins of the users in turn: consecutive calls are for different users.</summary>
    private static Func<int, ValueTask<bool>> SignInCaller(int users, Func<int, ValueTask<bool>> signIn)
    {
        var next = -1L;
        return _ => signIn((int)(Interlocked.Increment(ref next) % users));
    }

    /// <summary>Refreshes: caller w owns users w, w + c, w + 2c, … and refreshes them in turn, each with its latest token.</summary>
    private static Func<int, ValueTask<bool>> RefreshCaller(BenchGrid grid, int users, int concurrency, string?[] refreshTokens)
    {
        var position = new int[concurrency];
        return async worker =>
        {
            var owned = (users - worker + concurrency - 1) / concurrency;
            var user = worker + (position[worker]++ % owned) * concurrency;
            var token = refreshTokens[user]!;
            if (!grid.Codec.TryRead(token, out var fields))
            {
                return false;
            }

            var result = await grid.User(fields.UserId).RefreshAsync(token);
            refreshTokens[user] = result.Session?.RefreshToken ?? token;
            return result.Outcome == RefreshOutcome.Refreshed;
        };
    }
}
