using Sessions.Grains.Abstractions.Accounts;
using Sessions.Grains.Abstractions.Users;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Grains;

[Collection(SharedCluster.Name)]
public sealed class AccountTests(ClusterFixture fixture)
{
    private GridCluster Grid => fixture.Grid;

    [Fact]
    public async Task ConcurrentRegistrationsOfOneUsernameYieldExactlyOneOwner()
    {
        var name = Grid.Client.GetGrain<IUsernameGrain>($"u{Guid.NewGuid():N}");

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => name.RegisterAsync(TestUser.Password)));

        var winner = Assert.Single(results, r => r.Outcome == RegistrationOutcome.Registered);
        Assert.All(results.Where(r => r != winner), r => Assert.Equal(RegistrationOutcome.UsernameTaken, r.Outcome));
        Assert.Equal(winner.UserId, await name.GetUserIdAsync());
    }

    [Fact]
    public async Task UsernamesThatAreNotNormalisedOrPasswordsThatAreTooShortAreRejected()
    {
        var shouting = await Grid.Client.GetGrain<IUsernameGrain>("ALICE-" + Guid.NewGuid().ToString("N")[..8]).RegisterAsync(TestUser.Password);
        var shortPassword = await Grid.Client.GetGrain<IUsernameGrain>($"u{Guid.NewGuid():N}").RegisterAsync("short");

        Assert.Equal(RegistrationOutcome.Rejected, shouting.Outcome);
        Assert.Equal(RegistrationOutcome.Rejected, shortPassword.Outcome);
    }

    [Fact]
    public async Task WrongPasswordAndUnknownUserFailIdentically()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var request = new SignInRequest(CredentialKind.Browser, null, "127.0.0.1", "tests");

        var wrongPassword = await user.Name.SignInAsync("not the password", request);
        var unknownUser = await Grid.Client.GetGrain<IUsernameGrain>($"u{Guid.NewGuid():N}").SignInAsync(TestUser.Password, request);

        Assert.Equal(SignInResult.Invalid, wrongPassword);
        Assert.Equal(wrongPassword, unknownUser);
    }

    [Fact]
    public async Task AfterFiveFailuresEvenTheCorrectPasswordIsRefusedUntilTheLockoutEnds()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(SignInOutcome.InvalidCredentials, (await user.SignInAsync(CredentialKind.Browser, "wrong password")).Outcome);
        }

        var locked = await user.SignInAsync(CredentialKind.Browser);
        Grid.Clock.Advance(locked.RetryAfter!.Value);
        var unlocked = await user.SignInAsync(CredentialKind.Browser);

        Assert.Equal(SignInOutcome.Throttled, locked.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(30), locked.RetryAfter);
        Assert.Equal(SignInOutcome.SignedIn, unlocked.Outcome);
    }

    [Fact]
    public async Task UnknownUsernamesAreThrottledLikeKnownOnes()
    {
        var nobody = Grid.Client.GetGrain<IUsernameGrain>($"u{Guid.NewGuid():N}");
        var request = new SignInRequest(CredentialKind.Browser, null, null, null);
        for (var i = 0; i < 5; i++)
        {
            await nobody.SignInAsync("guess", request);
        }

        var sixth = await nobody.SignInAsync("guess", request);

        Assert.Equal(SignInOutcome.Throttled, sixth.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(30), sixth.RetryAfter);
    }

    [Fact]
    public async Task LockoutsGrowAndAfterOneHundredFailuresPasswordSignInIsOffUntilThePasswordChanges()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var live = await user.SignInAppAsync();
        var lockouts = new List<TimeSpan>();
        for (var failures = 0; failures < 100;)
        {
            var attempt = await user.SignInAsync(CredentialKind.Browser, "wrong password");
            if (attempt.Outcome == SignInOutcome.Throttled)
            {
                lockouts.Add(attempt.RetryAfter!.Value);
                Grid.Clock.Advance(attempt.RetryAfter!.Value);
            }
            else
            {
                failures++;
            }
        }

        Grid.Clock.Advance(TimeSpan.FromDays(1));
        var correctAfterCap = await user.SignInAsync(CredentialKind.Browser);
        var change = await user.Grain.ChangePasswordAsync(live.SessionId, TestUser.Password, "a brand new passphrase");
        var afterChange = await user.SignInAsync(CredentialKind.Browser, "a brand new passphrase");

        Assert.Equal([30, 60, 120, 240], lockouts.Take(4).Select(l => (int)l.TotalSeconds));
        Assert.Equal(TimeSpan.FromHours(1), lockouts.Max());
        Assert.Equal(SignInOutcome.Throttled, correctAfterCap.Outcome);
        Assert.Equal(PasswordChangeOutcome.Changed, change.Outcome);
        Assert.Equal(SignInOutcome.SignedIn, afterChange.Outcome);
    }

    [Fact]
    public async Task ChangingThePasswordSignsOutEveryOtherSessionButKeepsApiTokens()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var current = await user.SignInBrowserAsync();
        var others = await Repeat.SequentiallyAsync(3, _ => user.SignInBrowserAsync());
        var app = await user.SignInAppAsync();
        var apiToken = await user.CreateApiTokenAsync(current.SessionId);

        var change = await user.Grain.ChangePasswordAsync(current.SessionId, TestUser.Password, "a brand new passphrase");
        var again = await user.Grain.ChangePasswordAsync(current.SessionId, "a brand new passphrase", "another new passphrase");

        Assert.Equal((PasswordChangeOutcome.Changed, 4), (change.Outcome, change.RevokedSessions));
        Assert.Equal((PasswordChangeOutcome.Changed, 0), (again.Outcome, again.RevokedSessions));
        Assert.True(await user.IsValidAsync(current.SessionToken!));
        Assert.All(await Task.WhenAll(others.Select(o => user.IsValidAsync(o.SessionToken!))), Assert.False);
        Assert.Equal(RefreshOutcome.Invalid, (await user.Grain.RefreshAsync(app.RefreshToken!)).Outcome);
        Assert.True(await user.IsValidAsync(apiToken.Token!));
        Assert.Equal(SignInOutcome.InvalidCredentials, (await user.SignInAsync(CredentialKind.Browser)).Outcome);
        Assert.Equal(SignInOutcome.SignedIn, (await user.SignInAsync(CredentialKind.Browser, "another new passphrase")).Outcome);
    }

    [Fact]
    public async Task WrongCurrentPasswordChangesNothing()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var current = await user.SignInBrowserAsync();
        var other = await user.SignInBrowserAsync();

        var change = await user.Grain.ChangePasswordAsync(current.SessionId, "not the password", "a brand new passphrase");

        Assert.Equal(PasswordChangeOutcome.WrongPassword, change.Outcome);
        Assert.True(await user.IsValidAsync(other.SessionToken!));
        Assert.Equal(SignInOutcome.SignedIn, (await user.SignInAsync(CredentialKind.Browser)).Outcome);
    }

    [Fact]
    public async Task OnlyALiveBrowserOrAppSessionCanCreateApiTokensOrChangeThePassword()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();
        var apiToken = await user.CreateApiTokenAsync(browser.SessionId);
        await user.Grain.EndSessionAsync(Actor.Credential(browser.SessionId), browser.SessionId);

        var byEndedSession = await user.Grain.CreateApiTokenAsync(browser.SessionId, "late", null, ApiTokenRules.DefaultScopes);
        var byApiToken = await user.Grain.CreateApiTokenAsync(apiToken.Id!, "chained", null, ApiTokenRules.DefaultScopes);
        var passwordByApiToken = await user.Grain.ChangePasswordAsync(apiToken.Id!, TestUser.Password, "a brand new passphrase");

        Assert.Equal(ApiTokenOutcome.Denied, byEndedSession.Outcome);
        Assert.Equal(ApiTokenOutcome.Denied, byApiToken.Outcome);
        Assert.Equal(PasswordChangeOutcome.Denied, passwordByApiToken.Outcome);
    }

    [Fact]
    public async Task ListsShowSessionsAndTokensWithoutSecrets()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync(device: "laptop");
        await user.SignInAppAsync(device: "phone");
        var apiToken = await user.CreateApiTokenAsync(browser.SessionId, "nightly backup");

        var sessions = (await user.Grain.ListSessionsAsync(Actor.Credential(browser.SessionId)))!;
        var tokens = (await user.Grain.ListApiTokensAsync(Actor.Credential(browser.SessionId)))!;

        Assert.Equal(["laptop", "phone"], sessions.Select(s => s.Device).Order());
        Assert.Equal(browser.SessionId, Assert.Single(sessions, s => s.Current).Id);
        Assert.Equal(("nightly backup", apiToken.Id), (Assert.Single(tokens).Name, tokens[0].Id));
        Assert.DoesNotContain(apiToken.Token!, tokens[0].ToString());
    }
}
