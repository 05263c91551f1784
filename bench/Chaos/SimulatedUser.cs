namespace Sessions.Bench.Chaos;

/// <summary>
/// One user of a client process and what they hold. Two loops run for each: the account loop (sign in as a browser
/// or an app, refresh, revoke one session, sign out everywhere, change the password; one at a time, as one person
/// does) and the validation loop (GET /auth/me with what the user holds, through the two front ends in turn, mostly
/// live credentials, every fourth one a credential the user saw revoked). Every request goes into the history; what
/// the user believes afterwards only decides what it presents next, never what the checker concludes.
/// </summary>
internal sealed partial class SimulatedUser(string username, GridClient grid, Recorder recorder, ClientPace pace, int seed)
{
    /// <summary>At most this many live sessions, well below Sessions:MaxSessionsPerUser: a sign-in at that limit ends the
    /// least recently used session, a revocation the checker could not see.</summary>
    private const int MaxLive = 6;

    private const int RevokedKept = 6;

    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();
    private readonly List<HeldSession> _live = [];
    private readonly List<HeldCredential> _revoked = [];
    private string _password = $"chaos-{Guid.NewGuid():N}";
    private string? _pendingPassword;
    private int _frontEnd;

    public string Username => username;

    /// <summary>Registers the account, asking again until the grid answers (409 after an unanswered attempt means
    /// that attempt did register it).</summary>
    public async Task RegisterAsync(CancellationToken stop)
    {
        while (true)
        {
            var answer = await recorder.RecordAsync("register", username, () => grid.RegisterAsync(NextFrontEnd(), username, _password));
            if (answer.IsOk || answer.Status == 409)
            {
                return;
            }

            await Task.Delay(500, stop);
        }
    }

    /// <summary>The account loop, until <paramref name="stop"/>.</summary>
    public async Task ActAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(pace.NextActionPause(_random), stop);
                await NextActionAsync();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>The validation loop, until <paramref name="stop"/>.</summary>
    public async Task ValidateAsync(CancellationToken stop)
    {
        try
        {
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                if (Pick(round) is { } credential)
                {
                    await ValidateAsync(credential);
                }

                await Task.Delay(pace.ValidationPause, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private Task NextActionAsync()
    {
        HeldSession[] live;
        lock (_lock)
        {
            live = [.. _live];
        }

        if (live.Length == 0)
        {
            return SignInAsync();
        }

        if (live.Length >= MaxLive)
        {
            return _random.Next(10) < 7 ? RevokeOneAsync(live) : SignOutEverywhereAsync(live);
        }

        var app = live.Where(s => s.Kind == SessionKinds.App).ToArray();
        return _random.Next(100) switch
        {
            < 30 => SignInAsync(),
            < 55 when app.Length > 0 => RefreshAsync(app[_random.Next(app.Length)]),
            < 55 => SignInAsync(),
            < 75 => RevokeOneAsync(live),
            < 82 => SignOutEverywhereAsync(live),
            < 88 when _pendingPassword is null => ChangePasswordAsync(live),
            _ => Task.CompletedTask,
        };
    }

    private int NextFrontEnd() => Interlocked.Increment(ref _frontEnd) % grid.FrontEnds;

    /// <summary>Three live credentials, then one the user saw revoked (or whatever there is).</summary>
    private HeldCredential? Pick(int round)
    {
        lock (_lock)
        {
            var revokedTurn = round % 4 == 3 || _live.Count == 0;
            if (revokedTurn && _revoked.Count > 0)
            {
                return _revoked[round / 4 % _revoked.Count];
            }

            return _live.Count > 0 ? _live[round % _live.Count].Bearer : null;
        }
    }

    /// <summary>Moves the sessions (or the single credential) to what the user knows is revoked.</summary>
    private void Revoked(params IEnumerable<HeldSession> sessions)
    {
        lock (_lock)
        {
            foreach (var session in sessions.ToList())
            {
                if (_live.Remove(session))
                {
                    _revoked.Add(session.Bearer);
                }
            }

            while (_revoked.Count > RevokedKept)
            {
                _revoked.RemoveAt(0);
            }
        }
    }

    private HeldSession[] LiveExcept(HeldSession keep)
    {
        lock (_lock)
        {
            return [.. _live.Where(s => s != keep)];
        }
    }

    private HeldSession[] AllLive()
    {
        lock (_lock)
        {
            return [.. _live];
        }
    }

    private void Forget(HeldSession session)
    {
        lock (_lock)
        {
            _live.Remove(session);
        }
    }

    private void Hold(HeldSession session)
    {
        lock (_lock)
        {
            _live.Add(session);
        }
    }
}
