namespace Sessions.Web.Events;

/// <summary>Why a stream said <c>signed-out</c>: the <c>reason</c> of its data line.</summary>
public enum SignOutReason
{
    /// <summary>The grain no longer accepts the credential (revoked by anyone, anywhere, or signed out everywhere).</summary>
    Revoked = 1,

    /// <summary>The credential reached the end of its life (idle or absolute) while the stream was open.</summary>
    Expired = 2,
}
