namespace Sessions.Tests.Infrastructure;

public static class Repeat
{
    /// <summary>Runs <paramref name="action"/> <paramref name="count"/> times, one after another.</summary>
    public static async Task<T[]> SequentiallyAsync<T>(int count, Func<int, Task<T>> action)
    {
        var results = new T[count];
        for (var i = 0; i < count; i++)
        {
            results[i] = await action(i);
        }

        return results;
    }

    /// <summary>Starts <paramref name="count"/> calls of <paramref name="action"/> together (released at once, like
    /// racing clients) and waits for all of them.</summary>
    public static async Task<T[]> ConcurrentlyAsync<T>(int count, Func<Task<T>> action)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, count).Select(async _ =>
        {
            await start.Task;
            return await action();
        }).ToArray();

        start.SetResult();
        return await Task.WhenAll(calls);
    }
}
