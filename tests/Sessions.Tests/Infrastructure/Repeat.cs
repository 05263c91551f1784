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
}
