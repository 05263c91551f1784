using Sessions.Grains.Abstractions.Accounts;
using Sessions.Grains.Abstractions.Users;

namespace Sessions.Bench.Micro.Grid;

/// <summary>A user registered and signed in through the grains, as <c>POST /auth/register</c> and an app's
/// <c>POST /auth/login</c> do it: one live app session whose access token the benchmarks validate.</summary>
internal sealed record BenchUser(string UserId, string AccessToken)
{
    public static async Task<BenchUser> SignInAsync(IGrainFactory grains)
    {
        var username = $"micro-{Guid.NewGuid():N}"[..24];
        const string Password = "micro-benchmark-password";
        var registered = await grains.GetGrain<IUsernameGrain>(username).RegisterAsync(Password);
        if (registered.Outcome != RegistrationOutcome.Registered)
        {
            throw new InvalidOperationException($"Registering the benchmark user answered {registered.Outcome}.");
        }

        var signedIn = await grains.GetGrain<IUsernameGrain>(username)
            .SignInAsync(Password, new SignInRequest(CredentialKind.App, "micro", "127.0.0.1", "bench/Micro"));
        if (signedIn.Session?.AccessToken is not { } token)
        {
            throw new InvalidOperationException($"Signing the benchmark user in answered {signedIn.Outcome}.");
        }

        var verdict = await grains.GetGrain<IUserGrain>(signedIn.Session.UserId).ValidateAsync(token);
        return verdict.IsValid
            ? new BenchUser(signedIn.Session.UserId, token)
            : throw new InvalidOperationException("The benchmark user's own access token was refused.");
    }
}
