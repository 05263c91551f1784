using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;

namespace Sessions.Web.Authentication.OperatorKeys;

/// <summary>
/// Operator credentials for the admin API, the metrics endpoint and the Orleans dashboard (configuration section
/// <c>Sessions:Admin</c>): <c>Sessions__Admin__Keys__oncall=&lt;secret&gt;</c>. The name is recorded in the user's
/// audit trail for every admin action. Validated at start: a key shorter than <see cref="MinimumKeyLength"/> stops
/// the process with its name, rather than being silently ignored.
/// </summary>
public sealed class OperatorKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sessions:Admin";

    /// <summary>The shortest accepted key, in characters: operator keys guard every account, and 24 random
    /// base64 characters are 144 bits, out of reach of guessing.</summary>
    public const int MinimumKeyLength = 24;

    private (string Name, byte[] Digest)[]? _digests;

    /// <summary>Operator keys by name. Default none, so every admin endpoint answers 401.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>The keys as SHA-256 digests, computed once per options instance: options are rebuilt, not changed,
    /// when configuration reloads. Digests have one length, so comparing them in constant time leaks nothing
    /// about a key's length (docs/threat-model.md, H4).</summary>
    internal (string Name, byte[] Digest)[] Digests =>
        _digests ??= Keys.Select(key => (key.Key, SHA256.HashData(Encoding.UTF8.GetBytes(key.Value)))).ToArray();
}
