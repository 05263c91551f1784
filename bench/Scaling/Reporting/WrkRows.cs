using System.Globalization;

namespace Sessions.Bench.Scaling.Reporting;

/// <summary>One wrk window of a hot set through the real front end, as bench/lib/measure.sh records it.</summary>
internal sealed record WrkWindow(
    int Users, int Hot, int Connections, int Series, double Rps, double P50Us, double P99Us, double CpuUsPerRequest,
    double ServerCores, double WrkCores, double OtherCores, int RssMiB, long Failed, bool Counted);

/// <summary>Reads the windows bench/lib/measure.sh appended to its rows.tsv (columns: ROW_COLUMNS in
/// bench/lib/report.sh) for designs named <c>hot-H-of-N</c>.</summary>
internal static class WrkRows
{
    public static List<WrkWindow> Read(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return [];
        }

        var windows = new List<WrkWindow>();
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            var c = line.Split('\t');
            var design = c[1].Split('-');
            if (design is not ["hot", var hot, "of", var users])
            {
                continue;
            }

            // Columns as ROW_COLUMNS names them; the last (17) says whether the window counted or was measured again.
            windows.Add(new WrkWindow(Int(users), Int(hot), Int(c[2]), Int(c[0]), Double(c[4]), Double(c[5]), Double(c[6]), Double(c[7]),
                Double(c[8]), Double(c[9]), Double(c[10]), Int(c[11]), long.Parse(c[13], CultureInfo.InvariantCulture) + long.Parse(c[14], CultureInfo.InvariantCulture), c[17] == "1"));
        }

        return windows;
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static double Double(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
