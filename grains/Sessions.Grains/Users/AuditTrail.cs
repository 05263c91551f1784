using Sessions.Grains.Abstractions.Users;

namespace Sessions.Grains.Users;

/// <summary>A user's security events, newest last, at most <c>Sessions:AuditTrailLength</c> of them: the oldest
/// fall off, so the state stays bounded (docs/invariants.md, invariant 8).</summary>
internal sealed class AuditTrail(int length)
{
    /// <summary>Appends an event, dropping the oldest beyond the length.</summary>
    public void Append(UserState user, DateTimeOffset now, AuditEventKind kind, Guid? credentialId, string? detail)
    {
        var trail = user.AuditTrail;
        trail.Add(new AuditEvent(now, kind, credentialId is { } id ? GridIds.Format(id) : null, detail));
        if (trail.Count > length)
        {
            trail.RemoveRange(0, trail.Count - length);
        }
    }

    /// <summary>How a sign-in is described in the trail: the kind of session and where it came from.</summary>
    public static string SignInDetail(SignInRequest request) =>
        $"{(request.Kind == CredentialKind.App ? "app" : "browser")} from {request.IpAddress ?? "unknown address"}";
}
