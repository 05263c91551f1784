using System.Globalization;
using System.Text;

namespace Sessions.Bench.Scaling.Reporting;

/// <summary>The report body: one section per question, each a table of what was measured and, under it, the targets
/// and whether they were met. Numbers over series are medians; every window is listed at the end.</summary>
internal static class ScalingReport
{
    private const double KiB = 1024;

    public static string Render(ResultsFile results, List<WrkWindow> hot)
    {
        var text = new StringBuilder();
        StorageSection(text, results, hot);
        MemorySection(text, results);
        SignOutSection(text, results);
        ThroughputSection(text, results);
        RecheckSection.Render(text, results);
        CommitSection(text, results);
        WindowsSection(text, results, hot);
        return text.ToString();
    }

    private static void StorageSection(StringBuilder text, ResultsFile results, List<WrkWindow> hot)
    {
        var seeds = results.Read<SeedRecord>("seed");
        var cold = results.Read<ColdRecord>("cold");
        if (seeds.Count + hot.Count + cold.Count == 0)
        {
            return;
        }

        text.AppendLine("## 1. Users in storage").AppendLine();
        text.AppendLine("Seeded straight into the grid's table (rows keyed as Orleans' ADO.NET provider keys them, payloads from the grid's own serializer). Before seeding, users registered through the grid had exactly the identity columns the seeder computes; after it, a sample of seeded tokens (browser and access) validated through their grains.").AppendLine();
        var seedTable = new MarkdownTable("store", "users>", "each user holds", "seeding s>", "payload B/user>", "store MiB>", "grid rows compared>", "seeded tokens validated>");
        foreach (var s in seeds)
        {
            seedTable.Row(s.Storage, s.Users, s.Shape, s.Seconds, s.PayloadBytesPerUser, s.StoreBytes / KiB / KiB, s.ProbesCompared, s.TokensValidated);
        }

        text.Append(seedTable).AppendLine();
        var sets = hot.Where(w => w.Counted).GroupBy(w => (w.Users, w.Hot, w.Connections)).ToList();
        if (sets.Count > 0)
        {
            text.AppendLine("**Hot set** through the real front end (the web process with its co-hosted silo, opened on the seeded SQLite file with the same grid key), as `bench/run` measures the grid: `wrk -t1` sends `GET /auth/me` with the access token of a user picked at random from the set (`bench/wrk/random-session.lua`); every user of the set was made active first (one request each). wrk shares the machine's cores with the server. Medians over the series; wrk corrects for coordinated omission.").AppendLine();
            var table = new MarkdownTable("users in storage>", "hot set>", "connections>", "req/s>", "req/s lowest–highest window", "p50 ms>", "p99 ms>", "server CPU µs/req>", "server cores>", "wrk cores>", "other cores (max)>", "peak RSS MiB>", "failed>", "series>");
            foreach (var set in sets.OrderBy(g => g.Key.Connections == 1).ThenBy(g => g.Key.Hot).ThenBy(g => g.Key.Users))
            {
                var w = set.ToList();
                table.Row(set.Key.Users, set.Key.Hot, set.Key.Connections, Median(w, x => x.Rps),
                    string.Create(CultureInfo.InvariantCulture, $"{w.Min(x => x.Rps):N0}–{w.Max(x => x.Rps):N0}"), Median(w, x => x.P50Us) / 1000, Median(w, x => x.P99Us) / 1000,
                    Median(w, x => x.CpuUsPerRequest), Median(w, x => x.ServerCores), Median(w, x => x.WrkCores), w.Max(x => x.OtherCores),
                    w.Max(x => x.RssMiB), w.Sum(x => x.Failed), w.Count);
            }

            text.Append(table).AppendLine();
            foreach (var same in sets.GroupBy(g => (g.Key.Hot, g.Key.Connections)).Where(g => g.Count() > 1))
            {
                var smallest = same.MinBy(g => g.Key.Users)!.ToList();
                var largest = same.MaxBy(g => g.Key.Users)!.ToList();
                var change = Median(largest, x => x.Rps) / Median(smallest, x => x.Rps) - 1;
                var p99Change = Median(largest, x => x.P99Us) / Median(smallest, x => x.P99Us) - 1;
                text.AppendLine(CultureInfo.InvariantCulture, $"- Hot set {same.Key.Hot:N0}, {same.Key.Connections} connections: {largest[0].Users:N0} users in storage vs {smallest[0].Users:N0}: req/s {change:+0.0%;-0.0%}, p99 {p99Change:+0.0%;-0.0%}. Target (within 10 %): **{(Math.Abs(change) <= 0.10 ? "met" : "missed")}**{(smallest.Count > 1 && largest.Count > 1 ? $" (the windows of one size spread over {Spread(smallest):0%} and {Spread(largest):0%} of their median)" : " (one window each)")}.");
            }

            text.AppendLine();
        }

        if (cold.Count > 0)
        {
            text.AppendLine("**Cold validation**: the first request of a user whose grain is not active (activation, one storage read, deserialisation, the check), one at a time with nothing else in flight; users picked across the whole key space. \"Dropped from the OS page cache\": the database file's pages were evicted (posix_fadvise) just before the window, so row reads go to the disk.").AppendLine();
            var table = new MarkdownTable("store", "users in storage>", "page cache", "users>", "p50 µs>", "p99 µs>", "p99.9 µs>", "max µs>", "refused>", "other cores>", "attempts>", "p99 ≤ 5 ms");
            foreach (var c in cold)
            {
                table.Row(c.Storage, c.Users, c.Cache, c.Latency.Count, c.Latency.P50Us, c.Latency.P99Us, c.Latency.P999Us, c.Latency.MaxUs,
                    c.Failures, c.OtherCores, c.Attempts, c.Latency.P99Us <= 5000 ? "met" : "**missed**");
            }

            text.Append(table).AppendLine();
        }
    }

    private static void MemorySection(StringBuilder text, ResultsFile results)
    {
        var memory = results.Read<MemoryRecord>("memory");
        if (memory.Count == 0)
        {
            return;
        }

        text.AppendLine("## 2. Memory per active user and per session").AppendLine();
        text.AppendLine("Each row is a fresh process: users seeded with K sessions each, warm-up users activated first, then the managed heap (after full blocking compacting collections) and the RSS taken before and after activating N users (one validation each, or one account read with no session). Δ ÷ N.").AppendLine();
        var table = new MarkdownTable("sessions per user>", "users>", "managed heap Δ per user B>", "RSS Δ per user B>", "activations before>", "activations after>", "other cores>");
        foreach (var m in memory)
        {
            table.Row(m.SessionsPerUser, m.Users, (m.HeapAfter - m.HeapBefore) / (double)m.Users, (m.RssAfter - m.RssBefore) / (double)m.Users,
                m.ActivationsBefore, m.ActivationsAfter, m.OtherCores);
        }

        text.Append(table).AppendLine();
        var heap = memory.GroupBy(m => m.SessionsPerUser)
            .ToDictionary(g => g.Key, g => Median(g.ToList(), m => (m.HeapAfter - m.HeapBefore) / (double)m.Users));
        if (heap.TryGetValue(0, out var user))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- Per active user beyond sessions (no session, median): **{user:N0} B** ({user / KiB:N1} KiB). Target ≤ 8 KiB: **{(user <= 8 * KiB ? "met" : "missed")}**.");
        }

        var most = heap.Keys.Where(k => k > 0).DefaultIfEmpty(0).Max();
        if (heap.TryGetValue(0, out var none) && most > 0)
        {
            var perSession = (heap[most] - none) / most;
            text.AppendLine(CultureInfo.InvariantCulture, $"- Per session (({most} sessions − none) ÷ {most}, medians): **{perSession:N0} B** ({perSession / KiB:N1} KiB). Target ≤ 4 KiB: **{(perSession <= 4 * KiB ? "met" : "missed")}**.");
        }

        if (heap.TryGetValue(1, out var one) && most > 1)
        {
            var slope = (heap[most] - one) / (most - 1);
            text.AppendLine(CultureInfo.InvariantCulture, $"- Check: per session between 1 and {most} sessions: {slope:N0} B; a user with one session: {one:N0} B.");
        }

        text.AppendLine();
    }

    private static void SignOutSection(StringBuilder text, ResultsFile results)
    {
        var signOuts = results.Read<SignOutRecord>("signout");
        if (signOuts.Count == 0)
        {
            return;
        }

        text.AppendLine("## 3. Sign-out-everywhere by credentials held").AppendLine();
        text.AppendLine("One user at a time, each active (one validation first, not timed): one write of the whole state (`RecordAdminActionAsync`: an audit entry, so the write carries every credential), then `SignOutEverywhereAsync` (revokes all, writes the emptied state, acknowledges after the write). Each sign-out must report every credential revoked, and the token validated before must be refused after it (`failures` counts both). \"State\" is the stored payload of a user holding the credentials; \"serialize\" the grid's serializer writing it, in this process.").AppendLine();
        var table = new MarkdownTable("store", "credentials>", "held as", "state B>", "serialize µs>", "full write p50 ms>", "full write p99 ms>", "sign-out p50 ms>", "sign-out p99 ms>", "users>", "failures>", "other cores>", "attempts>");
        foreach (var s in signOuts)
        {
            table.Row(s.Storage, s.Credentials, s.Shape, s.StateBytes, s.SerializeUs, s.FullWrite.P50Us / 1000, s.FullWrite.P99Us / 1000,
                s.SignOut.P50Us / 1000, s.SignOut.P99Us / 1000, s.Users, s.Failures, s.OtherCores, s.Attempts);
        }

        text.Append(table).AppendLine();
        foreach (var store in signOuts.GroupBy(s => s.Storage))
        {
            if (store.FirstOrDefault(s => s.Credentials == 100) is { } hundred)
            {
                var verdict = store.Key == "SQLite" ? $" Target (SQLite, p99 ≤ 10 ms): **{(hundred.SignOut.P99Us <= 10_000 ? "met" : "missed")}**." : "";
                text.AppendLine(CultureInfo.InvariantCulture, $"- {store.Key}, 100 credentials: sign-out p99 {hundred.SignOut.P99Us / 1000:N2} ms.{verdict}");
            }

            var ordered = store.OrderBy(s => s.Credentials).ToList();
            if (ordered.Count > 1)
            {
                var first = ordered[0];
                var last = ordered[^1];
                var bytes = (double)last.StateBytes / first.StateBytes;
                var write = last.FullWrite.P50Us / first.FullWrite.P50Us;
                var perKiB = (last.FullWrite.P50Us - first.FullWrite.P50Us) / ((last.StateBytes - first.StateBytes) / KiB);
                text.AppendLine(CultureInfo.InvariantCulture, $"- {store.Key}, write path from {first.Credentials:N0} to {last.Credentials:N0} credentials: state ×{bytes:N0}, full-write p50 ×{write:N1} (+{perKiB:N1} µs per KiB of state); no worse than linear: **{(write <= bytes * 1.1 ? "yes" : "no")}**.");
            }
        }

        text.AppendLine();
    }

    private static void ThroughputSection(StringBuilder text, ResultsFile results)
    {
        var throughput = results.Read<ThroughputRecord>("throughput");
        if (throughput.Count == 0)
        {
            return;
        }

        text.AppendLine("## 4. Sign-in and refresh throughput (each a durable write)").AppendLine();
        text.AppendLine("Users registered through the grid first. Sign-in: `IUsernameGrain.SignInAsync` (what `POST /auth/login` calls: the username grain, then the user grain, PBKDF2-HMAC-SHA512 at the iteration count shown, one write) for an app session, users taken in turn. Refresh: the token's MAC checked, then `RefreshAsync` on the user's grain (rotation, one write), each caller refreshing its own users with their latest refresh token. Closed loop in this process; medians over the series.").AppendLine();
        var table = new MarkdownTable("store", "operation", "PBKDF2 iterations>", "callers>", "users>", "per second>", "p50 ms>", "p99 ms>", "our cores>", "failed>", "other cores (max)>", "series>");
        foreach (var t in throughput)
        {
            table.Row(t.Storage, t.Operation == "signin" ? "sign-in" : "refresh", t.Iterations, t.Concurrency, t.Users, Median(t.Series, s => s.Rps),
                Median(t.Series, s => s.P50Us) / 1000, Median(t.Series, s => s.P99Us) / 1000, Median(t.Series, s => s.OurCores),
                t.Series.Sum(s => s.Failures), t.Series.Max(s => s.OtherCores), t.Series.Count);
        }

        text.Append(table).AppendLine();
    }

    private static void CommitSection(StringBuilder text, ResultsFile results)
    {
        var commits = results.Read<CommitRecord>("commit");
        if (commits.Count == 0)
        {
            return;
        }

        text.AppendLine("## Context: one durable commit on this disk").AppendLine();
        text.AppendLine("A bare loop of one-row inserts (600-byte blob), each its own transaction, one at a time, on the same disk and server the runs above used: the floor under every write of the grid.").AppendLine();
        var table = new MarkdownTable("store", "mode", "commits>", "p50 µs>", "p99 µs>", "max µs>", "other cores>");
        foreach (var c in commits)
        {
            table.Row(c.Storage, c.Mode, c.Latency.Count, c.Latency.P50Us, c.Latency.P99Us, c.Latency.MaxUs, c.OtherCores);
        }

        text.Append(table).AppendLine();
    }

    private static void WindowsSection(StringBuilder text, ResultsFile results, List<WrkWindow> hot)
    {
        var table = new MarkdownTable("measurement", "series>", "per second>", "p50 µs>", "p99 µs>", "failed>", "our cores>", "other cores>", "counted");
        foreach (var w in hot)
        {
            table.Row($"SQLite: hot {w.Hot:N0} of {w.Users:N0} via HTTP, {w.Connections} connections", w.Series, w.Rps, w.P50Us, w.P99Us, w.Failed,
                w.ServerCores + w.WrkCores, w.OtherCores, w.Counted ? "yes" : "no: noisy, measured again");
        }

        foreach (var t in results.Read<ThroughputRecord>("throughput"))
        {
            for (var i = 0; i < t.Series.Count; i++)
            {
                var s = t.Series[i];
                table.Row($"{t.Storage}: {t.Operation}, PBKDF2 {t.Iterations:N0}, {t.Concurrency} callers", i + 1, s.Rps, s.P50Us, s.P99Us, s.Failures,
                    s.OurCores, s.OtherCores, s.Attempts == 1 ? "yes" : $"yes (attempt {s.Attempts}; the earlier ones were noisy)");
            }
        }

        if (table.Count > 0)
        {
            text.AppendLine("## Every window").AppendLine();
            text.AppendLine("A window in which other work on the machine took more than the allowed cores was measured again; wrk windows list every attempt, in-process ones the attempt that counted.").AppendLine();
            text.Append(table).AppendLine();
        }
    }

    /// <summary>(highest − lowest) ÷ median req/s of a hot set's windows: how far apart its series were.</summary>
    private static double Spread(List<WrkWindow> windows) => (windows.Max(w => w.Rps) - windows.Min(w => w.Rps)) / Median(windows, w => w.Rps);

    internal static double Median<T>(IReadOnlyList<T> items, Func<T, double> value)
    {
        var sorted = items.Select(value).Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
