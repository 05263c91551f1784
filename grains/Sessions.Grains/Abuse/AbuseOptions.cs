namespace Sessions.Grains.Abuse;

/// <summary>
/// What an unauthenticated client may make the grid spend (configuration section <c>Sessions:Abuse</c>), so that no
/// flood of sign-ins or registrations can take validation down for the apps that depend on it. Silos read the hashing
/// bound and the per-network limits (that is where hashing and the network grains run); front ends read the exempt
/// networks and the rejection delay: set the same keys on every process. Validated at start
/// (<see cref="AbuseOptionsValidator"/>).
/// </summary>
public sealed class AbuseOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sessions:Abuse";

    /// <summary>How many password hashes or verifications (PBKDF2, ~66 ms of CPU each at the default cost) may run at
    /// once on a silo, each on a dedicated thread outside the .NET thread pool. Default half the cores, at least one:
    /// hashing never takes more than half the CPU, and the rest — with the whole thread pool — stays for validation
    /// and the health probes.</summary>
    public int MaxConcurrentPasswordHashes { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>How many password checks may wait for a free hashing slot; beyond it a sign-in, registration or
    /// password change is answered 503 with Retry-After at once, without hashing. Default 16 per concurrent hash
    /// (<see cref="PasswordHashQueueLengthOrDefault"/>): at ~66 ms a check, a sign-in waits at most about a second for
    /// its turn.</summary>
    public int? PasswordHashQueueLength { get; set; }

    /// <summary>Sign-in attempts (whatever their outcome) one client network may make per minute, across the whole
    /// cluster, at most <see cref="SignInBurst"/> of them at once; the next is 429 with Retry-After. A network is an
    /// IPv4 /24 or an IPv6 /64.
    /// Default 60: a person signs in a few times a day, and a whole office behind one address can sign in at once,
    /// while a flooder from one network gets one password check a second (a few percent of one core).</summary>
    public int SignInsPerMinutePerAddress { get; set; } = 60;

    /// <summary>Registration attempts (whatever their outcome: created, taken, refused) one client network may make
    /// per hour, across the whole cluster, at most <see cref="RegistrationBurst"/> of them at once. Default 20: accounts are created rarely, a class
    /// or a team can still register together, and a taken username (409) is revealed no faster than 20 names an hour
    /// per network.</summary>
    public int RegistrationsPerHourPerAddress { get; set; } = 20;

    /// <summary>How many sign-ins one network may make at once before the steady rate applies. Default: the per-minute
    /// limit, but never more than 10 (<see cref="SignInBurst"/>). A new flood from one network thus costs at most ten
    /// password checks (under a second of one core) before it is held to one a second at the default, while a household
    /// or a small office signing in together is not refused (measured with bench/flood).</summary>
    public int? SignInBurstPerAddress { get; set; }

    /// <summary>How many registrations one network may make at once. Default: the hourly limit, but never more than 5
    /// (<see cref="RegistrationBurst"/>), for the same reason as <see cref="SignInBurstPerAddress"/>.</summary>
    public int? RegistrationBurstPerAddress { get; set; }

    /// <summary>The effective <see cref="SignInBurstPerAddress"/>.</summary>
    public int SignInBurst => SignInBurstPerAddress ?? Math.Min(SignInsPerMinutePerAddress, 10);

    /// <summary>The effective <see cref="RegistrationBurstPerAddress"/>.</summary>
    public int RegistrationBurst => RegistrationBurstPerAddress ?? Math.Min(RegistrationsPerHourPerAddress, 5);

    /// <summary>CIDR networks (<c>10.0.0.0/8</c>, <c>2001:db8::/32</c>, <c>203.0.113.7/32</c> for one address) the
    /// per-network limits skip: a load generator, an internal gateway. The address is the client's as the trusted-proxy
    /// rules give it. Default none.</summary>
    public string[] ExemptNetworks { get; set; } = [];

    /// <summary>How long a front end waits before it answers a request the per-network limit refused (asynchronously:
    /// no thread, no CPU), so a client hammering over closed-loop connections gets at most one answer per connection
    /// per delay. At most 1,024 refusals are held at once per front end; beyond, they are answered at once. Between 0
    /// and 1 minute. Default 1 s: a refused client has to wait at least that long anyway (Retry-After ≥ 1 s).</summary>
    public TimeSpan RejectionDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary><see cref="PasswordHashQueueLength"/>, or 16 per concurrent hash when it is not set.</summary>
    public int PasswordHashQueueLengthOrDefault => PasswordHashQueueLength ?? 16 * MaxConcurrentPasswordHashes;
}
