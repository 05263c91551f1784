namespace Sessions.Web.Federation;

/// <summary>What a provider's back-channel logout ends (<c>OnProviderLogout</c>).</summary>
public enum ProviderLogoutEffect
{
    /// <summary>The grid sessions that came from the provider session the token names (by <c>sid</c>), or, for a token
    /// with only <c>sub</c>, every session of that user from that provider.</summary>
    Sessions = 1,

    /// <summary>Sign-out everywhere: every session, app token and API token of the user.</summary>
    Everywhere = 2,
}
