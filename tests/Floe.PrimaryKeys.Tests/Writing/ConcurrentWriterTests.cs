using Floe.TestKit;
namespace Floe.PrimaryKeys.Tests.Writing;

public sealed class ConcurrentWriterTests
{
    [Fact]
    public async Task Writers_upserting_in_rounds_at_once_all_commit_in_distinct_transactions()
    {
        using TestTable fixture = TestTable.Create(properties: new Dictionary<string, string>
        {
            ["commit.retry.num-retries"] = "100",
            ["commit.retry.min-wait-ms"] = "1",
            ["commit.retry.max-wait-ms"] = "5",
        });
        const int Writers = 2;
        const int Rounds = 5;

        async Task WriteAsync(int writer)
        {
            PrimaryKeyTable table = fixture.Open();
            for (int round = 1; round <= Rounds; round++)
            {
                await Rows.UpsertAsync(table, [.. Enumerable.Range(0, 10).Select(k => ((long)((writer * 100) + k), (string?)$"w{writer}", (int?)round))]);
            }
        }

        Task all = Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(w), TestContext.Current.CancellationToken)));
        Assert.Same(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)));
        await all;
        PrimaryKeyTable reader = fixture.Open();
        Assert.Equal(Writers * Rounds, reader.ChangeTable.Metadata.LastSequenceNumber);
        var rows = await Rows.ReadAsync(reader.NewScan());
        Assert.Equal(Writers * 10, rows.Count);
        Assert.All(rows, r => Assert.Equal(Rounds, r.Value));
    }
}
