namespace Sessions.Web.Security;

/// <summary>
/// Resource servers allowed to introspect tokens (configuration section <c>Sessions:ResourceServers</c>):
/// <c>Sessions__ResourceServers__Clients__orders-api=&lt;secret&gt;</c>. They authenticate with HTTP Basic
/// (RFC 6749 §2.3.1). Default: none, so introspection is closed until configured.
/// </summary>
public sealed class ResourceServerOptions
{
    public const string Section = "Sessions:ResourceServers";

    /// <summary>Client secrets by client id. Use long random secrets (e.g. <c>openssl rand -base64 32</c>).</summary>
    public Dictionary<string, string> Clients { get; set; } = [];
}
