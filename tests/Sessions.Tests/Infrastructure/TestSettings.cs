using System.Globalization;
using Sessions.Grains.Abstractions.Tokens;

namespace Sessions.Tests.Infrastructure;

/// <summary>
/// The configuration every test host starts from (in-process clusters, web front ends, silos and clients on real
/// sockets, real processes), which each host then extends: the test grid key (so every host of a test speaks the
/// same tokens and none invents its own), cheap password hashing, abuse limits out of the way and a fresh data
/// directory. A later value for a
/// key replaces the earlier one, so a test's own settings go last (<see cref="With"/>).
/// </summary>
public sealed class TestSettings
{
    /// <summary>The grid key every test host shares (tests only; never a production value).</summary>
    public const string GridKey = "dGVzdC1ncmlkLWtleS10ZXN0LWdyaWQta2V5LXRlc3QtZ3JpZC1rZXk=";

    private const string DataDirectoryKey = "Sessions:Storage:DataDirectory";

    // Configuration keys are case-insensitive; so is the last-one-wins rule here.
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The base settings, with grain state under <paramref name="dataDirectory"/> (a new temporary
    /// directory when null).</summary>
    public TestSettings(string? dataDirectory = null)
    {
        this[DataDirectoryKey] = dataDirectory ?? Directory.CreateTempSubdirectory("sessions-test-").FullName;
        this["Sessions:GridKeys:Keys:1"] = GridKey;
        this["Sessions:GridKeys:GenerateIfMissing"] = "false";

        // Hashing cost is not under test here; 100,000 iterations would make every sign-in ~50 ms.
        this["Sessions:PasswordHashing:IterationCount"] = "1000";

        // Every client of a test comes from one address (or none: the in-memory server), and some tests sign in by the
        // dozen at once: the abuse limits would refuse them. Abuse/ tests the limits with their defaults or small values.
        this["Sessions:Abuse:SignInsPerMinutePerAddress"] = "1000000";
        this["Sessions:Abuse:RegistrationsPerHourPerAddress"] = "1000000";
        this["Sessions:Abuse:SignInBurstPerAddress"] = "1000000";
        this["Sessions:Abuse:RegistrationBurstPerAddress"] = "1000000";
        this["Sessions:Abuse:PasswordHashQueueLength"] = "10000";
    }

    /// <summary>The key ring of <see cref="GridKey"/>, to mint tokens the way a grid configured with it would.</summary>
    public static GridKeyRing GridKeyRing { get; } =
        new GridKeyOptions { Keys = { ["1"] = GridKey } }.TryCreateRing(out var ring, out var error)
            ? ring
            : throw new InvalidOperationException(error);

    public string DataDirectory => this[DataDirectoryKey]!;

    /// <summary>Every setting, for a configuration source.</summary>
    public IReadOnlyDictionary<string, string?> Values => _values;

    public string? this[string key]
    {
        get => _values.GetValueOrDefault(key);
        set => _values[key] = value;
    }

    /// <summary>Grain state, and with a <paramref name="clusterId"/> membership too, in the PostgreSQL database at
    /// <paramref name="connectionString"/>: the settings of cluster mode.</summary>
    public static Dictionary<string, string?> PostgreSQL(string connectionString, string? clusterId = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sessions:Storage:Provider"] = "PostgreSQL",
            ["Sessions:Storage:ConnectionString"] = connectionString,
        };
        if (clusterId is not null)
        {
            settings["Sessions:Cluster:Membership"] = "PostgreSQL";
            settings["Sessions:Cluster:ClusterId"] = clusterId;
        }

        return settings;
    }

    /// <summary>Applies <paramref name="settings"/> over these (null: nothing to apply).</summary>
    public TestSettings With(IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        foreach (var (key, value) in settings ?? [])
        {
            this[key] = value;
        }

        return this;
    }

    /// <summary>Silo-to-silo and gateway ports of their own, for a host that listens on real sockets.</summary>
    public TestSettings WithClusterPorts()
    {
        this["Sessions:Cluster:SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        this["Sessions:Cluster:GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        return this;
    }

    /// <summary>The settings as environment variables (<c>Sessions__Storage__DataDirectory</c>), for a process.</summary>
    public IEnumerable<KeyValuePair<string, string>> AsEnvironment() =>
        _values.Where(s => s.Value is not null).Select(s => KeyValuePair.Create(s.Key.Replace(":", "__", StringComparison.Ordinal), s.Value!));
}
