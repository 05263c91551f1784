using Sessions.Grains.Abstractions.Accounts;
using Sessions.Grains.Abstractions.Federation;
using Sessions.Grains.Abstractions.Signals;
using Sessions.Grains.Abstractions.Users;
using Sessions.Grains.Diagnostics;

namespace Sessions.Grains.Users;

/// <summary>The user grain: accounts created through an identity provider, their sign-ins, and the provider's logout.</summary>
internal sealed partial class UserGrain
{
    public async Task<RegistrationResult> InitializeFederatedAsync(string username, ExternalIdentity identity, string providerName)
    {
        _state.ThrowIfPoisoned();
        if (_userId == Guid.Empty || !ExternalIdentities.IsAcceptable(identity, providerName)
            || !AccountRules.TryNormalizeUsername(username, out var normalized) || normalized != username)
        {
            return new RegistrationResult(RegistrationOutcome.Rejected);
        }

        if (User.Exists)
        {
            // A retry of the identity grain's interrupted first sign-in finds its own account already made.
            var same = !User.Deleting && User.Username == username && User.Identities.Exists(i => i.Is(identity));
            return new RegistrationResult(same ? RegistrationOutcome.Registered : RegistrationOutcome.Rejected, same ? _userIdText : null);
        }

        var now = _time.GetUtcNow();
        User.Created = true;
        User.Username = normalized;
        User.CreatedAt = now;
        User.Identities.Add(new LinkedIdentity
        {
            Issuer = identity.Issuer,
            Subject = identity.Subject,
            ProviderName = providerName,
            LinkedAt = now,
        });
        _audit.Append(User, now, AuditEventKind.Registered, null, $"through identity provider '{providerName}'");
        _audit.Append(User, now, AuditEventKind.IdentityLinked, null, $"identity provider '{providerName}'");
        await WriteAsync(now);
        return new RegistrationResult(RegistrationOutcome.Registered, _userIdText);
    }

    public async Task<SignInResult> SignInFederatedAsync(FederatedSignIn request)
    {
        _state.ThrowIfPoisoned();
        if (request is null || !ExternalIdentities.IsAcceptable(request.Identity, request.ProviderName)
            || !ExternalIdentities.IsAcceptableSessionId(request.ProviderSessionId)
            || request.Client?.Kind is not (CredentialKind.Browser or CredentialKind.App)
            || User.Identities.Find(i => i.Is(request.Identity)) is not { } link)
        {
            return SignInResult.Invalid;
        }

        if (User.Disabled)
        {
            _metrics.SignIn("disabled");
            return SignInResult.AccountDisabled;
        }

        var now = _time.GetUtcNow();
        MakeRoomForSession(now);
        var sessionId = Guid.NewGuid();
        var (record, issued) = _issuer.NewSession(_userId, sessionId, request.Client, User.Epoch, now);
        record.Provider = request.ProviderName;
        record.ProviderSessionId = request.ProviderSessionId;
        record.AuthenticatedAt = request.AuthenticatedAt;
        User.Sessions[sessionId] = record;
        link.ProviderName = request.ProviderName;
        _audit.Append(User, now, AuditEventKind.SignedIn, sessionId,
            $"{AuditTrail.SignInDetail(request.Client)} through identity provider '{request.ProviderName}'");
        await WriteAsync(now);
        _metrics.SignIn("federated");
        return new SignInResult(SignInOutcome.SignedIn, issued);
    }

    public async Task<int?> EndProviderSessionsAsync(Actor actor, string providerName, string? providerSessionId)
    {
        _state.ThrowIfPoisoned();
        // A provider ends only what came from itself; an operator may end what came from any.
        if (providerName is not { Length: > 0 and <= ExternalIdentities.MaxProviderNameLength }
            || !ExternalIdentities.IsAcceptableSessionId(providerSessionId)
            || !MayAct(actor, AccountAction.EndProviderSessions) || (actor.Kind == ActorKind.Provider && actor.Id != providerName))
        {
            return null;
        }

        var now = _time.GetUtcNow();
        var ended = User.Sessions
            .Where(s => s.Value.Provider == providerName && (providerSessionId is null || s.Value.ProviderSessionId == providerSessionId))
            .ToList();
        if (ended.Count == 0)
        {
            return 0;
        }

        var live = ended.Count(s => IsLive(s.Key, s.Value, now));
        foreach (var (id, _) in ended)
        {
            User.Sessions.Remove(id);
            _lastSeen.Forget(id);
            EnqueueSignal(SignalKind.SessionRevoked, id, InitiatorOf(actor));
        }

        var which = providerSessionId is null ? "every session from it" : "the sessions of one provider session";
        AuditSource(actor, $"provider logout, {which}: {live} sessions ended");
        await WriteAsync(now);
        _metrics.Revoked(RevocationCauses.ProviderLogout, live);
        return live;
    }
}
