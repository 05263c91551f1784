using System.Text;
using Microsoft.Data.Sqlite;
using Sessions.Tests.Infrastructure;

namespace Sessions.Tests.Storage;

/// <summary>What reaches the database: digests and hashes only, no CLR type names, durable settings.</summary>
[Collection(SharedCluster.Name)]
public sealed class StoredStateTests(ClusterFixture fixture)
{
    private GridCluster Grid => fixture.Grid;

    [Fact]
    public async Task StoredRowsHoldNoRawTokenPasswordOrTypeName()
    {
        var user = await TestUser.RegisterAsync(Grid.Client);
        var browser = await user.SignInBrowserAsync();
        var app = await user.SignInAppAsync();
        var apiToken = await user.CreateApiTokenAsync(browser.SessionId);
        var secrets = new[] { browser.SessionToken!, app.AccessToken!, app.RefreshToken!, apiToken.Token!, TestUser.Password };

        var payloads = await PayloadsAsync();

        Assert.NotEmpty(payloads);
        foreach (var payload in payloads)
        {
            var text = Encoding.Latin1.GetString(payload);
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
            Assert.All(secrets.Take(4), secret => Assert.DoesNotContain(secret[4..40], text, StringComparison.Ordinal));
            Assert.DoesNotContain("Sessions.Grains", text, StringComparison.Ordinal);
            Assert.DoesNotContain("$type", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheDatabaseSyncsEveryCommit()
    {
        await using var connection = new SqliteConnection(Grid.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";

        var level = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2L, level);
    }

    private async Task<List<byte[]>> PayloadsAsync()
    {
        await using var connection = new SqliteConnection(Grid.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT PayloadBinary FROM OrleansStorage WHERE PayloadBinary IS NOT NULL";
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var payloads = new List<byte[]>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            payloads.Add((byte[])reader[0]);
        }

        return payloads;
    }
}
