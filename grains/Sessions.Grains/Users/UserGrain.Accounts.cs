using PasswordVerificationResult = Microsoft.AspNetCore.Identity.PasswordVerificationResult;
using Sessions.Grains.Abstractions.Accounts;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Diagnostics;

namespace Sessions.Grains.Users;

/// <summary>The user grain: creating the account, password sign-in (throttled per account) and password changes.</summary>
internal sealed partial class UserGrain
{
    public async Task<bool> InitializeAsync(string username, string password)
    {
        _state.ThrowIfPoisoned();
        if (_userId == Guid.Empty || User.Exists
            || !AccountRules.TryNormalizeUsername(username, out var normalized) || normalized != username
            || !AccountRules.IsAcceptablePassword(password))
        {
            return false;
        }

        var now = _time.GetUtcNow();
        User.Username = normalized;
        User.PasswordHash = _passwords.Hash(password);
        User.CreatedAt = now;
        _audit.Append(User, now, AuditEventKind.Registered, null, null);
        await WriteAsync(now);
        return true;
    }

    public async Task<SignInResult> SignInAsync(string password, SignInRequest request)
    {
        _state.ThrowIfPoisoned();
        password ??= string.Empty;
        if (!User.Exists || request.Kind is not (CredentialKind.Browser or CredentialKind.App))
        {
            _passwords.VerifyDecoy(password);
            return SignInResult.Invalid;
        }

        var now = _time.GetUtcNow();
        if (SignInThrottle.RetryAfter(User.Throttle, now, _throttle) is { } wait)
        {
            _metrics.SignIn("throttled");
            return SignInResult.Throttled(wait);
        }

        var verdict = _passwords.Verify(User.PasswordHash!, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            _metrics.SignIn("failed");
            SignInThrottle.RecordFailure(User.Throttle, now, _throttle);
            _audit.Append(User, now, AuditEventKind.SignInFailed, null, request.IpAddress);

            // Written just after the reply, so a wrong password for a known user costs what one for an unknown user
            // costs (that path writes nothing). A crash in between forgets this one failure.
            WriteSoon();
            return SignInResult.Invalid;
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            User.PasswordHash = _passwords.Hash(password);
        }

        SignInThrottle.Reset(User.Throttle);
        MakeRoomForSession(now);
        var sessionId = Guid.NewGuid();
        var (record, issued) = _issuer.NewSession(_userId, sessionId, request, User.Epoch, now);
        User.Sessions[sessionId] = record;
        _audit.Append(User, now, AuditEventKind.SignedIn, sessionId, AuditTrail.SignInDetail(request));
        await WriteAsync(now);
        _metrics.SignIn("succeeded");
        return new SignInResult(SignInOutcome.SignedIn, issued);
    }

    public async Task<PasswordChangeResult> ChangePasswordAsync(string actorSessionId, string currentPassword, string newPassword)
    {
        _state.ThrowIfPoisoned();
        var now = _time.GetUtcNow();
        if (!IsLiveActor(actorSessionId, now, out var actor))
        {
            return new PasswordChangeResult(PasswordChangeOutcome.Denied);
        }

        if (!AccountRules.IsAcceptablePassword(newPassword))
        {
            return new PasswordChangeResult(PasswordChangeOutcome.Rejected);
        }

        if (SignInThrottle.LockedFor(User.Throttle, now) is { } wait)
        {
            return new PasswordChangeResult(PasswordChangeOutcome.Throttled, 0, wait);
        }

        if (_passwords.Verify(User.PasswordHash!, currentPassword ?? string.Empty) == PasswordVerificationResult.Failed)
        {
            SignInThrottle.RecordFailure(User.Throttle, now, _throttle);
            _audit.Append(User, now, AuditEventKind.SignInFailed, actor, "password change");
            await WriteAsync(now);
            return new PasswordChangeResult(PasswordChangeOutcome.WrongPassword);
        }

        var revoked = LiveSessions(now).Count(s => s.Key != actor);
        foreach (var id in User.Sessions.Keys.Where(id => id != actor).ToList())
        {
            User.Sessions.Remove(id);
            _lastSeen.Forget(id);
        }

        User.PasswordHash = _passwords.Hash(newPassword);
        SignInThrottle.Reset(User.Throttle);
        _audit.Append(User, now, AuditEventKind.PasswordChanged, actor, $"{revoked} other sessions signed out");
        await WriteAsync(now);
        _metrics.Revoked(RevocationCauses.PasswordChange, revoked);
        return new PasswordChangeResult(PasswordChangeOutcome.Changed, revoked);
    }
}
