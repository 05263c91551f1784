using System.Globalization;

namespace Sessions.Bench.Scaling;

/// <summary>The command line: an experiment name, then <c>--name value</c> pairs (or bare <c>--flag</c>s).</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private Arguments(string experiment) => Experiment = experiment;

    public string Experiment { get; }

    public static Arguments Parse(string[] args)
    {
        var parsed = new Arguments(args.Length > 0 ? args[0] : string.Empty);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            parsed._values[args[i][2..]] = hasValue ? args[++i] : "true";
        }

        return parsed;
    }

    public string? Text(string name) => _values.GetValueOrDefault(name);

    public string Required(string name) => Text(name) ?? throw new ArgumentException($"--{name} is required.");

    public int Int(string name, int fallback) => Text(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        Text(name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public int[] Ints(string name, int[] fallback) => Text(name) is { } text
        ? text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray()
        : fallback;

    public string[] Texts(string name, string[] fallback) =>
        Text(name) is { } text ? text.Split(',', StringSplitOptions.RemoveEmptyEntries) : fallback;
}
