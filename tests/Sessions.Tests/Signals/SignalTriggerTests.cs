using Sessions.Grains.Abstractions.Signals;
using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Signals;

/// <summary>
/// Each revocation produces exactly its documented Security Event Token (README, "Let other apps know"), and the
/// receiver verified each with jose against the grid's JWKS. "Exactly": after the trigger the test signs the user out
/// everywhere as a fence — a user's events reach a receiver in order — and looks at what came before it.
/// </summary>
public sealed class SignalTriggerTests(SignalGridFixture fixture) : IClassFixture<SignalGridFixture>
{
    private SignalGrid Signals => fixture.Signals;

    [Fact]
    public async Task EndingOneSessionSendsOneSessionRevokedAboutThatSession()
    {
        var user = await TestUser.RegisterAsync(Signals.Grains);
        var keep = await user.SignInBrowserAsync();
        var end = await user.SignInBrowserAsync();

        await user.Grain.EndSessionAsync(Actor.Credential(keep.SessionId), end.SessionId);

        var set = Assert.Single(await EventsBeforeFenceAsync(user));
        Assert.True(set.Delivered, set.ErrorDescription);
        Assert.Equal(SecurityEventTypes.SessionRevoked, set.EventType);
        Assert.Equal("complex", set.SubId.GetProperty("format").GetString());
        Assert.Equal(end.SessionId, set.SessionId);
        Assert.Equal("user", set.Event.GetProperty("initiating_entity").GetString());
        Assert.True(set.Event.GetProperty("event_timestamp").GetInt64() > 0);
    }

    [Fact]
    public async Task SignOutEverywhereSendsOneSessionRevokedWhoseSubjectIsTheUser()
    {
        var user = await TestUser.RegisterAsync(Signals.Grains);
        var browser = await user.SignInBrowserAsync();
        await user.SignInAppAsync();
        await user.CreateApiTokenAsync(browser.SessionId);

        await user.Grain.SignOutEverywhereAsync(Actor.Credential(browser.SessionId), keepCurrent: false);

        var sets = await EventsBeforeFenceAsync(user, including: true);
        var set = Assert.Single(sets[..^1]);
        Assert.True(set.Delivered, set.ErrorDescription);
        Assert.Equal(SecurityEventTypes.SessionRevoked, set.EventType);
        Assert.Equal("opaque", set.SubId.GetProperty("format").GetString());
        Assert.Equal(user.UserId, set.SubId.GetProperty("id").GetString());
        Assert.Equal("user", set.Event.GetProperty("initiating_entity").GetString());
    }

    [Fact]
    public async Task AnOperatorsSignOutEverywhereIsInitiatedByAdmin()
    {
        var user = await TestUser.RegisterAsync(Signals.Grains);
        await user.SignInBrowserAsync();

        await user.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false);

        var set = (await EventsBeforeFenceAsync(user, including: true))[0];
        Assert.True(set.Delivered, set.ErrorDescription);
        Assert.Equal("admin", set.Event.GetProperty("initiating_entity").GetString());
    }

    [Fact]
    public async Task APasswordChangeSendsOneCredentialChangeAndOneSessionRevokedPerOtherSession()
    {
        var user = await TestUser.RegisterAsync(Signals.Grains);
        var current = await user.SignInBrowserAsync();
        var other = await user.SignInAppAsync();

        var changed = await user.Grain.ChangePasswordAsync(current.SessionId, TestUser.Password, "another long password here");

        Assert.Equal(PasswordChangeOutcome.Changed, changed.Outcome);
        var sets = await EventsBeforeFenceAsync(user);
        Assert.All(sets, set => Assert.True(set.Delivered, set.ErrorDescription));
        var revoked = Assert.Single(sets, s => s.EventType == SecurityEventTypes.SessionRevoked);
        Assert.Equal(other.SessionId, revoked.SessionId);
        var change = Assert.Single(sets, s => s.EventType == SecurityEventTypes.CredentialChange);
        Assert.Equal("password", change.Event.GetProperty("credential_type").GetString());
        Assert.Equal("update", change.Event.GetProperty("change_type").GetString());
        Assert.Equal(2, sets.Length);
    }

    [Fact]
    public async Task RevokingAnApiTokenSendsOneCredentialChangeOfTypeApiToken()
    {
        var user = await TestUser.RegisterAsync(Signals.Grains);
        var browser = await user.SignInBrowserAsync();
        var token = await user.CreateApiTokenAsync(browser.SessionId);

        await user.Grain.RevokeApiTokenAsync(Actor.Credential(browser.SessionId), token.Id!);

        var set = Assert.Single(await EventsBeforeFenceAsync(user));
        Assert.True(set.Delivered, set.ErrorDescription);
        Assert.Equal(SecurityEventTypes.CredentialChange, set.EventType);
        Assert.Equal("api-token", set.Event.GetProperty("credential_type").GetString());
        Assert.Equal("revoke", set.Event.GetProperty("change_type").GetString());
        Assert.Equal("opaque", set.SubId.GetProperty("format").GetString());
    }

    [Fact]
    public async Task ARevokedRefreshTokenPresentedAgainEndsItsSessionByPolicy()
    {
        var user = await TestUser.RegisterAsync(Signals.Grains);
        var app = await user.SignInAppAsync();
        await user.Grain.RefreshAsync(app.RefreshToken!);
        Signals.Advance(TimeSpan.FromMinutes(1));   // past the grace period for retries

        var reuse = await user.Grain.RefreshAsync(app.RefreshToken!);

        Assert.Equal(RefreshOutcome.ReuseDetected, reuse.Outcome);
        var set = Assert.Single(await EventsBeforeFenceAsync(user));
        Assert.Equal(app.SessionId, set.SessionId);
        Assert.Equal("policy", set.Event.GetProperty("initiating_entity").GetString());
    }

    [Fact]
    public async Task DisablingAndEnablingTheAccountSendRiscAccountDisabledThenAccountEnabled()
    {
        var user = await TestUser.RegisterAsync(Signals.Grains);
        await user.SignInBrowserAsync();

        await user.Grain.DisableAsync(TestUser.Operator);
        await user.Grain.EnableAsync(TestUser.Operator);

        var sets = await EventsBeforeFenceAsync(user);
        Assert.Equal([SecurityEventTypes.AccountDisabled, SecurityEventTypes.AccountEnabled], sets.Select(s => s.EventType));
        Assert.All(sets, set => Assert.True(set.Delivered, set.ErrorDescription));
        Assert.All(sets, set => Assert.Equal("opaque", set.SubId.GetProperty("format").GetString()));
    }

    [Fact]
    public async Task DeletingTheAccountSendsOneRiscAccountPurgedBeforeItsStateIsGone()
    {
        var user = await TestUser.RegisterAsync(Signals.Grains);
        await user.SignInBrowserAsync();

        var deleted = await user.Grain.DeleteAsync(TestUser.Operator);

        Assert.Equal(LifecycleOutcome.Done, deleted.Outcome);
        var sets = await Signals.Receiver.WaitForAsync(user.UserId, sets => sets.Any(s => s.EventType == SecurityEventTypes.AccountPurged));
        var set = Assert.Single(sets);
        Assert.True(set.Delivered, set.ErrorDescription);
        Assert.Equal(user.UserId, set.SubId.GetProperty("id").GetString());
    }

    [Fact]
    public async Task ReadsAndSignInsSendNothing()
    {
        var user = await TestUser.RegisterAsync(Signals.Grains);
        var browser = await user.SignInBrowserAsync();
        await user.Grain.ListSessionsAsync(Actor.Credential(browser.SessionId));
        await user.CreateApiTokenAsync(browser.SessionId);

        Assert.Empty(await EventsBeforeFenceAsync(user));
    }

    /// <summary>Signs the user out everywhere (an operator, so no live credential is needed), waits for that event and
    /// returns what the receiver got about the user before it (with it, when <paramref name="including"/>).</summary>
    private async Task<ReceivedSet[]> EventsBeforeFenceAsync(TestUser user, bool including = false)
    {
        var before = (await Signals.Receiver.ReceivedForAsync(user.UserId)).Length;
        await user.Grain.SignOutEverywhereAsync(TestUser.Operator, keepCurrent: false);
        var all = await Signals.Receiver.WaitForAsync(user.UserId, sets => sets.Length > before
            && sets[^1].EventType == SecurityEventTypes.SessionRevoked && sets[^1].SessionId is null
            && sets[^1].Event.GetProperty("initiating_entity").GetString() == "admin");
        return including ? all : all[..^1];
    }
}
