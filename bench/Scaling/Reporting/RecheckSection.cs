using System.Globalization;
using System.Text;

namespace Sessions.Bench.Scaling.Reporting;

/// <summary>The storage recheck's read, whole state vs version only, and what it costs at 10 M active users.</summary>
internal static class RecheckSection
{
    /// <summary>10 M active users, each rechecking every 5 s (Sessions:StorageRecheckInterval's default).</summary>
    private const double ReadsPerSecondAt10MActive = 10_000_000 / 5.0;

    public static void Render(StringBuilder text, ResultsFile results)
    {
        var records = results.Read<RecheckRecord>("recheck");
        if (records.Count == 0)
        {
            return;
        }

        text.AppendLine("## 5. Storage recheck reads: the whole state vs its version only").AppendLine();
        text.AppendLine("Every active user re-reads its stored version every `Sessions:StorageRecheckInterval` (5 s; on by default on PostgreSQL). Users seeded straight into the table, then read in turn through the grid's own storage in a closed loop: **full** is what the recheck did before (the row with its payload, deserialised, only the ETag kept), **version** what it does now (`SELECT Version` by the row's key). CPU per read: this process (the provider or the query, Npgsql, the calling threads) and the store's server (PostgreSQL's processes; SQLite runs inside this process). Medians over the series.").AppendLine();
        var table = new MarkdownTable("store", "each user holds", "payload B/user>", "read", "callers>", "reads/s>", "p50 µs>", "p99 µs>",
            "process CPU µs/read>", "store CPU µs/read>", "failed>", "other cores (max)>", "series>");
        foreach (var r in records)
        {
            table.Row(r.Storage, r.Shape, r.PayloadBytesPerUser, r.Read, r.Concurrency, ScalingReport.Median(r.Series, s => s.Rps),
                ScalingReport.Median(r.Series, s => s.P50Us), ScalingReport.Median(r.Series, s => s.P99Us),
                ScalingReport.Median(r.Series, s => s.ProcessUsPerRead), ScalingReport.Median(r.Series, s => s.StoreUsPerRead),
                r.Series.Sum(s => s.Failures), r.Series.Max(s => s.OtherCores), r.Series.Count);
        }

        text.Append(table).AppendLine();
        foreach (var pair in records.GroupBy(r => (r.Storage, r.Shape, r.Concurrency)).Where(g => g.Key.Concurrency == records.Max(r => r.Concurrency)))
        {
            if (pair.FirstOrDefault(r => r.Read == "full") is not { } full || pair.FirstOrDefault(r => r.Read == "version") is not { } version)
            {
                continue;
            }

            var (fullStore, versionStore) = (ScalingReport.Median(full.Series, s => s.StoreUsPerRead), ScalingReport.Median(version.Series, s => s.StoreUsPerRead));
            var (fullProcess, versionProcess) = (ScalingReport.Median(full.Series, s => s.ProcessUsPerRead), ScalingReport.Median(version.Series, s => s.ProcessUsPerRead));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- {pair.Key.Storage}, {pair.Key.Shape} ({full.PayloadBytesPerUser:N0} B), {pair.Key.Concurrency} callers: version-only costs {Ratio(versionStore, fullStore)} of the full read's store CPU and {Ratio(versionProcess, fullProcess)} of its process CPU. At 10 M active users ({ReadsPerSecondAt10MActive:N0} reads/s): store **{Cores(fullStore):N1} → {Cores(versionStore):N1} cores**, silo side **{Cores(fullProcess):N1} → {Cores(versionProcess):N1} cores**.");
        }

        text.AppendLine();
    }

    private static string Ratio(double part, double whole) => whole <= 0 ? "n/a" : (part / whole).ToString("0%", CultureInfo.InvariantCulture);

    private static double Cores(double microsecondsPerRead) => microsecondsPerRead * ReadsPerSecondAt10MActive / 1e6;
}
