using Sessions.Grains.Abstractions.Accounts;
using Sessions.Grains.Abstractions.Signals;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Accounts;
using Sessions.Grains.Diagnostics;

namespace Sessions.Grains.Users;

/// <summary>The user grain: creating the account, password sign-in (throttled per account) and password changes.</summary>
internal sealed partial class UserGrain
{
    public async Task<RegistrationResult> InitializeAsync(string username, string password)
    {
        _state.ThrowIfPoisoned();
        if (_userId == Guid.Empty || User.Exists
            || !AccountRules.TryNormalizeUsername(username, out var normalized) || normalized != username
            || !AccountRules.IsAcceptablePassword(password))
        {
            return new RegistrationResult(RegistrationOutcome.Rejected);
        }

        // Hashed before anything changes, so a busy gate leaves no trace.
        if (await _passwords.HashAsync(password) is not { } hash)
        {
            return RegistrationResult.Busy(_passwords.RetryAfter);
        }

        var now = _time.GetUtcNow();
        User.Created = true;
        User.Username = normalized;
        User.PasswordHash = hash;
        User.CreatedAt = now;
        _audit.Append(User, now, AuditEventKind.Registered, null, null);
        await WriteAsync(now);
        return new RegistrationResult(RegistrationOutcome.Registered, _userIdText);
    }

    public async Task<SignInResult> SignInAsync(string password, SignInRequest request)
    {
        _state.ThrowIfPoisoned();
        password ??= string.Empty;
        // No account, no password (a federated user), disabled: the same decoy cost as a wrong password, and the same
        // answer (docs/invariants.md, invariant 9).
        if (!User.Exists || User.PasswordHash is null || User.Disabled || request.Kind is not (CredentialKind.Browser or CredentialKind.App))
        {
            var decoy = await _passwords.VerifyDecoyAsync(password);
            return decoy.Verdict == PasswordVerdict.Busy ? SignInResult.Busy(_passwords.RetryAfter) : SignInResult.Invalid;
        }

        var now = _time.GetUtcNow();
        if (SignInThrottle.RetryAfter(User.Throttle, now, _throttle) is { } wait)
        {
            _metrics.SignIn("throttled");
            return SignInResult.Throttled(wait);
        }

        // The grain's turn waits for the gate (other users' grains do not); a busy gate counts as no attempt.
        var check = await _passwords.VerifyAsync(User.PasswordHash!, password);
        if (check.Verdict == PasswordVerdict.Busy)
        {
            _metrics.SignIn("busy");
            return SignInResult.Busy(_passwords.RetryAfter);
        }

        if (check.Verdict == PasswordVerdict.Mismatched)
        {
            _metrics.SignIn("failed");
            SignInThrottle.RecordFailure(User.Throttle, now, _throttle);
            _audit.Append(User, now, AuditEventKind.SignInFailed, null, request.IpAddress);

            // Written just after the reply, so a wrong password for a known user costs what one for an unknown user
            // costs (that path writes nothing). A crash in between forgets this one failure.
            WriteSoon();
            return SignInResult.Invalid;
        }

        if (check.NewHash is { } upgraded)
        {
            User.PasswordHash = upgraded;
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
        if (!IsLiveActor(actorSessionId, now, out var actor) || User.Disabled)
        {
            return new PasswordChangeResult(PasswordChangeOutcome.Denied);
        }

        // A federated user has no current password to check: setting one is not a change (and not offered).
        if (User.PasswordHash is null || !AccountRules.IsAcceptablePassword(newPassword))
        {
            return new PasswordChangeResult(PasswordChangeOutcome.Rejected);
        }

        if (SignInThrottle.LockedFor(User.Throttle, now) is { } wait)
        {
            return new PasswordChangeResult(PasswordChangeOutcome.Throttled, 0, wait);
        }

        var check = await _passwords.VerifyAndReplaceAsync(User.PasswordHash, currentPassword ?? string.Empty, newPassword);
        if (check.Verdict == PasswordVerdict.Busy)
        {
            return new PasswordChangeResult(PasswordChangeOutcome.Busy, 0, _passwords.RetryAfter);
        }

        if (check.Verdict == PasswordVerdict.Mismatched)
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
            EnqueueSignal(SignalKind.SessionRevoked, id, InitiatingEntity.User);
        }

        EnqueueSignal(SignalKind.PasswordChanged, null, InitiatingEntity.User);
        User.PasswordHash = check.NewHash;
        SignInThrottle.Reset(User.Throttle);
        _audit.Append(User, now, AuditEventKind.PasswordChanged, actor, $"{revoked} other sessions signed out");
        await WriteAsync(now);
        _metrics.Revoked(RevocationCauses.PasswordChange, revoked);
        return new PasswordChangeResult(PasswordChangeOutcome.Changed, revoked);
    }
}
