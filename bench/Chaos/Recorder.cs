namespace Sessions.Bench.Chaos;

/// <summary>Times one request on the <see cref="MonotonicClock"/> and writes its history line.</summary>
internal sealed class Recorder(JsonLines<HistoryEntry> history, int process)
{
    public int Process => process;

    /// <summary>Sends <paramref name="request"/>, then records what <paramref name="describe"/> makes of the answer
    /// (the entry's op, user, times, outcome and status are filled in here).</summary>
    public async Task<Answer> RecordAsync(string op, string user, Func<Task<Answer>> request, Func<Answer, HistoryEntry, HistoryEntry>? describe = null)
    {
        var invoked = MonotonicClock.Now();
        var answer = await request();
        var entry = new HistoryEntry
        {
            Op = op,
            User = user,
            Process = process,
            Invoked = invoked,
            Completed = MonotonicClock.Now(),
            Outcome = answer.Outcome,
            Status = answer.Status,
            Error = answer.Error,
        };
        history.Write(describe is null ? entry : describe(answer, entry));
        return answer;
    }
}
