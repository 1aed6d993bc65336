using Floe.PrimaryKeys.ChangeData;
using Floe.PrimaryKeys.Model;
using Floe.PrimaryKeys.Optimizing;
using Floe.PrimaryKeys.Tests.ChangeData;
using Floe.TestKit;

namespace Floe.PrimaryKeys.Tests.ModelBased;

/// <summary>Writers upsert while optimize runs: nothing a writer committed is lost or reordered.</summary>
public sealed class ConcurrentOptimizeTests
{
    [Fact]
    public async Task Writers_upserting_while_optimize_runs_lose_and_reorder_nothing()
    {
        using TestTable fixture = TestTable.Create(properties: new Dictionary<string, string>
        {
            ["commit.retry.num-retries"] = "100",
            ["commit.retry.min-wait-ms"] = "1",
            ["commit.retry.max-wait-ms"] = "5",
        });
        var ct = TestContext.Current.CancellationToken;
        const int Writers = 2;
        const int Rounds = 10;
        const int KeysPerWriter = 10;
        using var done = new CancellationTokenSource();

        async Task WriteAsync(int writer)
        {
            PrimaryKeyTable table = fixture.Open();
            for (int round = 1; round <= Rounds; round++)
            {
                await Rows.UpsertAsync(table, [.. Enumerable.Range(0, KeysPerWriter).Select(k => ((long)((writer * 100) + k), (string?)$"w{writer}", (int?)round))]);
            }
        }

        int optimizes = 0;
        async Task OptimizeAsync()
        {
            PrimaryKeyTable table = fixture.Open();
            while (!done.IsCancellationRequested)
            {
                if ((await table.OptimizeAsync(new OptimizeOptions { MaxAttempts = 20 }, ct)).Committed)
                {
                    optimizes++;
                }

                await Task.Delay(10, ct);
            }
        }

        Task optimizer = OptimizeAsync();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Writers).Select(WriteAsync));
        }
        finally
        {
            await done.CancelAsync();
            await optimizer;
        }

        PrimaryKeyTable reader = fixture.Open();
        var expected = Enumerable.Range(0, Writers)
            .SelectMany(w => Enumerable.Range(0, KeysPerWriter).Select(k => ((long)((w * 100) + k), (string?)$"w{w}", (int?)Rounds)))
            .OrderBy(r => r.Item1).ToList();
        Assert.Equal(expected, await Rows.ReadAsync(reader.NewScan()));
        Assert.True(optimizes >= 1);
        await reader.OptimizeAsync(cancellationToken: ct);
        Assert.Equal(expected, await Rows.ReadAsync(reader.NewScan()));

        // The change feed holds every upsert once, each key's rounds in order, transactions strictly increasing.
        List<ChangeRow> feed = await ChangeRows.ReadAsync(reader.NewChangeDataScan());
        Assert.Equal(Writers * Rounds * KeysPerWriter * 2, feed.Count);
        foreach (var key in feed.Where(c => c.Action == ChangeAction.Insert).GroupBy(c => c.Id))
        {
            Assert.Equal(Enumerable.Range(1, Rounds).Select(r => (int?)r), key.Select(c => c.Value));
        }

        Assert.True(feed.Zip(feed.Skip(1)).All(p => (p.First.Transaction, p.First.Offset).CompareTo((p.Second.Transaction, p.Second.Offset)) < 0));
        Assert.Equal(Writers * Rounds, feed.Select(c => c.Transaction).Distinct().Count());
    }
}
