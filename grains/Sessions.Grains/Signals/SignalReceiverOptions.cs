namespace Sessions.Grains.Signals;

/// <summary>One app that is told (<c>Sessions:Signals:Receivers:&lt;name&gt;</c>).</summary>
public sealed class SignalReceiverOptions
{
    /// <summary>Where the tokens are POSTed (RFC 8935): https, or http on a loopback host. Required.</summary>
    public string EndpointUrl { get; set; } = string.Empty;

    /// <summary>The <c>aud</c> of its tokens, as the receiver expects it. Required.</summary>
    public string Audience { get; set; } = string.Empty;

    /// <summary>The whole <c>Authorization</c> header value sent with each push (<c>Bearer …</c>), when the receiver
    /// asks for one. A secret: never logged, never shown. Default: none.</summary>
    public string? AuthorizationHeader { get; set; }

    /// <summary>The event types it gets, by short name (<c>session-revoked</c>, <c>credential-change</c>,
    /// <c>account-disabled</c>, <c>account-enabled</c>, <c>account-purged</c>) or full URI. Default: all.</summary>
    public List<string> Events { get; set; } = [];
}
