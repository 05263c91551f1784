namespace Sessions.Web.Security;

/// <summary>
/// Operator credentials for the admin API, the metrics endpoint and the Orleans dashboard (configuration section
/// <c>Sessions:Admin</c>): <c>Sessions__Admin__Keys__oncall=&lt;secret&gt;</c>. The name is recorded in the user's
/// audit trail for every admin action. Default: no keys, so every admin endpoint answers 401.
/// </summary>
public sealed class AdminOptions
{
    public const string Section = "Sessions:Admin";

    /// <summary>The smallest accepted key, in characters: admin keys guard every account.</summary>
    public const int MinimumKeyLength = 24;

    /// <summary>Operator keys by name.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];
}
