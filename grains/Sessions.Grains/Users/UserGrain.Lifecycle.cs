using Sessions.Grains.Abstractions.Accounts;
using Sessions.Grains.Abstractions.Federation;
using Sessions.Grains.Abstractions.Signals;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Diagnostics;

namespace Sessions.Grains.Users;

/// <summary>The user grain: disabling, enabling and deleting the account (docs/invariants.md, invariant 10).</summary>
internal sealed partial class UserGrain
{
    public async Task<LifecycleResult> DisableAsync(Actor actor)
    {
        _state.ThrowIfPoisoned();
        if (!MayAct(actor, AccountAction.Disable))
        {
            return new LifecycleResult(LifecycleOutcome.Denied);
        }

        if (!User.Exists)
        {
            return new LifecycleResult(LifecycleOutcome.NoSuchAccount);
        }

        if (User.Disabled)
        {
            return new LifecycleResult(LifecycleOutcome.Unchanged);
        }

        // One write: the credentials end and the refusals begin together.
        var now = _time.GetUtcNow();
        var (sessions, tokens, _) = RevokeEverything(Guid.Empty, now);
        User.Disabled = true;
        AuditSource(actor, "disable");
        EnqueueSignal(SignalKind.AccountDisabled, null, InitiatorOf(actor));
        _audit.Append(User, now, AuditEventKind.AccountDisabled, null, $"{sessions} sessions, {tokens} API tokens");
        await WriteAsync(now);
        _metrics.Revoked(RevocationCauses.AccountDisabled, sessions + tokens);
        return new LifecycleResult(LifecycleOutcome.Done, sessions, tokens);
    }

    public async Task<LifecycleResult> EnableAsync(Actor actor)
    {
        _state.ThrowIfPoisoned();
        if (!MayAct(actor, AccountAction.Enable))
        {
            return new LifecycleResult(LifecycleOutcome.Denied);
        }

        // An account being deleted is gone for everyone but the retry of its deletion.
        if (!User.Exists || User.Deleting)
        {
            return new LifecycleResult(LifecycleOutcome.NoSuchAccount);
        }

        if (!User.Disabled)
        {
            return new LifecycleResult(LifecycleOutcome.Unchanged);
        }

        // Only the refusal ends: what the disable revoked stays revoked (its epoch is gone).
        var now = _time.GetUtcNow();
        User.Disabled = false;
        AuditSource(actor, "enable");
        EnqueueSignal(SignalKind.AccountEnabled, null, InitiatorOf(actor));
        _audit.Append(User, now, AuditEventKind.AccountEnabled, null, null);
        await WriteAsync(now);
        return new LifecycleResult(LifecycleOutcome.Done);
    }

    public async Task<LifecycleResult> DeleteAsync(Actor actor)
    {
        _state.ThrowIfPoisoned();
        if (!MayAct(actor, AccountAction.Delete))
        {
            return new LifecycleResult(LifecycleOutcome.Denied);
        }

        if (!User.Exists)
        {
            return new LifecycleResult(LifecycleOutcome.NoSuchAccount);
        }

        // 1. Revoke everything and refuse everything, durably, before anything else: whatever fails later, nothing of
        // this user works again. A retry finds Deleting set and goes on from step 2.
        var now = _time.GetUtcNow();
        var (sessions, tokens) = (0, 0);
        if (!User.Deleting)
        {
            (sessions, tokens, _) = RevokeEverything(Guid.Empty, now);
            User.Disabled = true;
            User.Deleting = true;
            AuditSource(actor, "delete");
            EnqueueSignal(SignalKind.AccountPurged, null, InitiatorOf(actor));
            await WriteAsync(now);
            _metrics.Revoked(RevocationCauses.AccountDeleted, sessions + tokens);
        }

        // 2. Release what points here, so the name can be registered again and the identities make a new user. Both
        // calls interleave in their grains, which may be waiting for this one (a sign-in in flight): no deadlock.
        if (User.Username is { } username)
        {
            await GrainFactory.GetGrain<IUsernameGrain>(username).ReleaseAsync(_userIdText);
        }

        foreach (var identity in User.Identities)
        {
            await GrainFactory.GetGrain<IExternalIdentityGrain>(ExternalIdentities.GrainKey(identity.ToIdentity())).UnlinkAsync(_userIdText);
        }

        // 3. Remove the stored state. Calls queued behind this one find no account. Its outbox goes with it, so the
        // receivers' queues must hold its events first (a failure stops here; the retry continues).
        await HandOverBeforeRemovalAsync();
        _lastSeen.ForgetAllBut(Guid.Empty);
        await _state.ClearAsync();
        _recheck.Confirm(_time.GetUtcNow());
        _gauge.Report(User.Sessions.Count);
        return new LifecycleResult(LifecycleOutcome.Done, sessions, tokens);
    }
}
