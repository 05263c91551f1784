namespace Sessions.Bench.Chaos;

/// <summary>The requests of one simulated user, each recorded with what the checker needs to know about it.</summary>
internal sealed partial class SimulatedUser
{
    /// <summary>How often an unanswered change is asked again before the user gives up on knowing its outcome.</summary>
    private const int Attempts = 3;

    private static readonly TimeSpan AttemptPause = TimeSpan.FromMilliseconds(200);

    private async Task ValidateAsync(HeldCredential credential)
    {
        var frontEnd = NextFrontEnd();
        var answer = await recorder.RecordAsync("validate", username, () => grid.MeAsync(frontEnd, credential), (_, entry) => entry with
        {
            Session = credential.SessionId,
            Credential = credential.Id,
            Kind = credential.Kind,
            FrontEnd = frontEnd,
        });
        if (answer.Outcome == Outcomes.Denied)
        {
            // As an app would: a refused credential is dropped, and the user signs in again later.
            Revoked(AllLive().Where(s => s.Bearer == credential));
        }
    }

    private async Task SignInAsync()
    {
        var kind = _random.Next(2) == 0 ? SessionKinds.Browser : SessionKinds.App;
        if (await SignInAsync(kind, _password) is { IsOk: true })
        {
            _pendingPassword = null;
        }
        else if (_pendingPassword is { } pending && await SignInAsync(kind, pending) is { IsOk: true })
        {
            // The unanswered password change did happen.
            _password = pending;
            _pendingPassword = null;
        }
    }

    private async Task<Answer> SignInAsync(string kind, string password)
    {
        var answer = await recorder.RecordAsync("signin", username, () => grid.SignInAsync(NextFrontEnd(), username, password, kind),
            (answer, entry) => entry with
            {
                Kind = kind,
                Session = answer.Text("sessionId"),
                Credential = (kind == SessionKinds.Browser ? answer.Cookie : answer.Text("accessToken")) is { } bearer ? CredentialIds.Of(bearer) : null,
                Refresh = answer.Text("refreshToken") is { } refresh ? CredentialIds.Of(refresh) : null,
            });
        var bearer = kind == SessionKinds.Browser ? answer.Cookie : answer.Text("accessToken");
        if (answer.IsOk && answer.Text("sessionId") is { } id && bearer is not null)
        {
            Hold(new HeldSession(id, kind, bearer, answer.Text("refreshToken")));
        }

        return answer;
    }

    /// <summary>Rotates the session's refresh token, asking again with the same one when no answer came (the grid
    /// returns the same pair inside its grace window); now and then presents the rotated-out one again at once, which
    /// must yield that same pair and nothing new.</summary>
    private async Task RefreshAsync(HeldSession session)
    {
        var presented = session.RefreshToken!;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var answer = await RecordRefreshAsync(session, presented, via: null);
            if (answer.IsOk && answer.Text("accessToken") is { } access && answer.Text("refreshToken") is { } refresh)
            {
                session.Bearer = new HeldCredential(session.Id, SessionKinds.App, access);
                session.RefreshToken = refresh;
                if (_random.Next(5) == 0)
                {
                    await RecordRefreshAsync(session, presented, via: "replay");
                }

                return;
            }

            if (answer.Outcome is Outcomes.Denied or Outcomes.Refused)
            {
                Revoked(session);
                return;
            }

            await Task.Delay(AttemptPause);
        }

        // Whether it rotated is unknown: the user stops using this session.
        Forget(session);
    }

    private Task<Answer> RecordRefreshAsync(HeldSession session, string presented, string? via) =>
        recorder.RecordAsync("refresh", username, () => grid.RefreshAsync(NextFrontEnd(), presented), (answer, entry) => entry with
        {
            Session = session.Id,
            Kind = SessionKinds.App,
            Refresh = CredentialIds.Of(presented),
            NewAccess = answer.Text("accessToken") is { } access ? CredentialIds.Of(access) : null,
            NewRefresh = answer.Text("refreshToken") is { } refresh ? CredentialIds.Of(refresh) : null,
            Via = via,
        });

    /// <summary>Ends one session: from another live session (DELETE /auth/sessions/{id}) or with its own token
    /// (POST /oauth/revoke, the bearer or, for an app, the refresh token).</summary>
    private async Task RevokeOneAsync(HeldSession[] live)
    {
        var target = live[_random.Next(live.Length)];
        var others = live.Where(s => s != target).ToArray();
        var actor = others.Length > 0 && _random.Next(2) == 0 ? others[_random.Next(others.Length)] : null;
        var token = target.Kind == SessionKinds.App && _random.Next(2) == 0 ? target.RefreshToken! : target.Bearer.Token;
        var frontEnd = NextFrontEnd();
        var answer = await recorder.RecordAsync("revoke", username,
            () => actor is null ? grid.RevokeTokenAsync(frontEnd, token) : grid.EndSessionAsync(frontEnd, actor.Bearer, target.Id),
            (_, entry) => entry with { Session = target.Id, Kind = target.Kind, Actor = actor?.Id, Via = actor is null ? "oauth" : "delete" });
        if (answer.Outcome == Outcomes.Denied && actor is not null)
        {
            Revoked(actor);
        }
        else if (Outcomes.MayHaveChanged(answer.Outcome))
        {
            Revoked(target);
        }
    }

    /// <summary>Signs out everywhere from one live session, asking again while no answer comes; a 401 on a later
    /// attempt means an earlier one did it.</summary>
    private async Task SignOutEverywhereAsync(HeldSession[] live)
    {
        var actor = live[_random.Next(live.Length)];
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var answer = await recorder.RecordAsync("soe", username, () => grid.SignOutEverywhereAsync(NextFrontEnd(), actor.Bearer),
                (_, entry) => entry with { Actor = actor.Id, Kind = actor.Kind });
            if (answer.Outcome is Outcomes.Ok or Outcomes.Denied or Outcomes.Refused)
            {
                break;
            }

            await Task.Delay(AttemptPause);
        }

        Revoked(AllLive());
    }

    /// <summary>Changes the password from one live session; the grid signs out every other session. When no answer
    /// comes, the user does not know which password is right and tries both at the next sign-in.</summary>
    private async Task ChangePasswordAsync(HeldSession[] live)
    {
        var actor = live[_random.Next(live.Length)];
        var next = $"chaos-{Guid.NewGuid():N}";
        var current = _password;
        var answer = await recorder.RecordAsync("password", username, () => grid.ChangePasswordAsync(NextFrontEnd(), actor.Bearer, current, next),
            (_, entry) => entry with { Actor = actor.Id, Kind = actor.Kind });
        switch (answer.Outcome)
        {
            case Outcomes.Ok:
                _password = next;
                Revoked(LiveExcept(actor));
                break;
            case Outcomes.Denied:
                Revoked(actor);
                break;
            case Outcomes.Unavailable or Outcomes.Error:
                _pendingPassword = next;
                Revoked(LiveExcept(actor));
                break;
        }
    }
}
