using System.Globalization;
using System.Text;

namespace Sessions.Bench.Scaling.Reporting;

/// <summary>The storage recheck's read, whole state vs version only (and what a prepared or batched version query
/// would cost), and what each makes at 10 M active users.</summary>
internal static class RecheckSection
{
    /// <summary>10 M active users, each rechecking every 5 s (Sessions:StorageRecheckInterval's default).</summary>
    private const double ChecksPerSecondAt10MActive = 10_000_000 / 5.0;

    public static void Render(StringBuilder text, ResultsFile results)
    {
        var records = results.Read<RecheckRecord>("recheck");
        if (records.Count == 0)
        {
            return;
        }

        text.AppendLine("## 5. Storage recheck reads: the whole state vs its version only").AppendLine();
        text.AppendLine("Every active user re-reads its stored version every `Sessions:StorageRecheckInterval` (5 s; on by default on PostgreSQL). Users seeded straight into the table, then read in turn through the grid's own storage in a closed loop: **full** is what the recheck did before (the row with its payload, deserialised, only the ETag kept), **version** what it does now (`SELECT Version` by the row's key). On PostgreSQL two reads it could make instead, from a pool of their own: the version query **prepared**, and one prepared query for **many users** (a recheck batched per silo). CPU per user checked: this process (the provider or the query, Npgsql, the calling threads) and the store's server (PostgreSQL's processes; SQLite runs inside this process). Latency is per query. Medians over the series.").AppendLine();
        var table = new MarkdownTable("store", "each user holds", "payload B/user>", "read", "callers>", "users checked/s>", "p50 µs>", "p99 µs>",
            "process CPU µs/user>", "store CPU µs/user>", "failed>", "other cores (max)>", "series>");
        foreach (var r in records)
        {
            table.Row(r.Storage, r.Shape, r.PayloadBytesPerUser, r.Read, r.Concurrency, Median(r, s => s.Rps) * r.UsersPerQuery,
                Median(r, s => s.P50Us), Median(r, s => s.P99Us), Median(r, s => s.ProcessUsPerRead), Median(r, s => s.StoreUsPerRead),
                r.Series.Sum(s => s.Failures), r.Series.Max(s => s.OtherCores), r.Series.Count);
        }

        text.Append(table).AppendLine();
        var most = records.Max(r => r.Concurrency);
        foreach (var same in records.Where(r => r.Concurrency == most).GroupBy(r => (r.Storage, r.Shape)))
        {
            if (same.FirstOrDefault(r => r.Read == "full") is not { } full)
            {
                continue;
            }

            var costs = same.Select(r => $"{r.Read} {Cores(r, s => s.StoreUsPerRead):N1} + {Cores(r, s => s.ProcessUsPerRead):N1}");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- {same.Key.Storage}, {same.Key.Shape} ({full.PayloadBytesPerUser:N0} B of payload), {most} callers, at 10 M active users ({ChecksPerSecondAt10MActive:N0} checks/s), store + process cores: {string.Join("; ", costs)}.");
        }

        text.AppendLine();
    }

    private static double Median(RecheckRecord record, Func<RecheckWindow, double> value) => ScalingReport.Median(record.Series, value);

    private static double Cores(RecheckRecord record, Func<RecheckWindow, double> microsecondsPerUser) =>
        Median(record, microsecondsPerUser) * ChecksPerSecondAt10MActive / 1e6;
}
