namespace Sessions.Web.Federation.Tokens;

/// <summary>A refused token: the machine <paramref name="Reason"/> and a <paramref name="Description"/> safe to send
/// back (an <c>error_description</c>): it never repeats the token or a value from it.</summary>
/// <param name="Reason">Why.</param>
/// <param name="Description">One sentence for the sender's operator.</param>
public sealed record TokenFailure(TokenFailureReason Reason, string Description)
{
    /// <summary>Whether the fault is ours (the issuer's keys could not be fetched), so the sender should retry
    /// later (503) rather than be told its token is bad.</summary>
    public bool IsTransient => Reason == TokenFailureReason.KeysUnavailable;
}
