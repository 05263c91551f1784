using System.Globalization;
using System.Text;

namespace Sessions.Bench.Scaling.Reporting;

/// <summary>A markdown table; a column whose header ends in <c>&gt;</c> is right-aligned (the marker is not printed).</summary>
internal sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public int Count => _rows.Count;

    public MarkdownTable Row(params object?[] cells)
    {
        _rows.Add(cells.Select(Format).ToArray());
        return this;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", headers.Select(h => h.TrimEnd('>'))).AppendLine(" |");
        text.Append('|').AppendJoin('|', headers.Select(h => h.EndsWith('>') ? "---:" : "---")).AppendLine("|");
        foreach (var row in _rows)
        {
            text.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }

        return text.ToString();
    }

    /// <summary>Numbers with thousands separators; fractions with the digits that matter at their size.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        int or long => string.Format(CultureInfo.InvariantCulture, "{0:N0}", value),
        double d when Math.Abs(d) >= 100 => d.ToString("N0", CultureInfo.InvariantCulture),
        double d when Math.Abs(d) >= 10 => d.ToString("N1", CultureInfo.InvariantCulture),
        double d => d.ToString("N2", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
