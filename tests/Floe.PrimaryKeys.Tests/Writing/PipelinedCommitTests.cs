using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.PrimaryKeys.ChangeData;
using Floe.PrimaryKeys.Writing;
using Floe.Table.Operations;
using Floe.TestKit;

namespace Floe.PrimaryKeys.Tests.Writing;

public sealed class PipelinedCommitTests
{
    [Fact]
    public async Task A_writer_created_while_another_commits_takes_the_next_transaction_and_commits_after_it()
    {
        using TestTable fixture = TestTable.Create();
        var gated = new GatedOperations(new StoreOperations(fixture.Change));
        var table = new PrimaryKeyTable("db.t", new StoreOperations(fixture.Base), gated);
        CancellationToken ct = TestContext.Current.CancellationToken;

        await using ChangeWriter first = await UpsertedAsync(table, (1, "a", 1), (2, "b", 1));
        Task<ChangeCommit?> firstCommit = first.CommitAsync(ct);
        await gated.Entered.WaitAsync(ct);

        await using ChangeWriter second = await UpsertedAsync(table, (2, "b", 2), (3, "c", 2));
        Assert.Equal(first.TransactionId + 1, second.TransactionId);
        Task<ChangeCommit?> secondCommit = second.CommitAsync(ct);
        await Task.Delay(50, ct);
        Assert.False(secondCommit.IsCompleted, "the second commit must wait for the first");
        Assert.Equal(1, gated.Calls);

        gated.Open();
        ChangeCommit firstDone = (await firstCommit)!;
        ChangeCommit secondDone = (await secondCommit)!;
        Assert.Equal(1, firstDone.TransactionId);
        Assert.Equal(2, secondDone.TransactionId);
        Assert.Equal(2, fixture.Change.Commits);
        Assert.Equal([1L, 1, 1, 1, 2, 2, 2, 2], await TransactionsAsync(fixture.Open()));
        Assert.Equal([(1L, "a", 1), (2L, "b", 2), (3L, "c", 2)], await Rows.ReadAsync(fixture.Open().NewScan()));
    }

    [Fact]
    public async Task When_the_earlier_commit_fails_the_later_one_rewrites_its_rows_with_the_id_left_free()
    {
        using TestTable fixture = TestTable.Create();
        var gated = new GatedOperations(new StoreOperations(fixture.Change));
        var table = new PrimaryKeyTable("db.t", new StoreOperations(fixture.Base), gated);
        CancellationToken ct = TestContext.Current.CancellationToken;

        await using ChangeWriter first = await UpsertedAsync(table, (1, "a", 1));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<ChangeCommit?> firstCommit = first.CommitAsync(cancel.Token);
        await gated.Entered.WaitAsync(ct);

        await using ChangeWriter second = await UpsertedAsync(table, (1, "z", 2), (5, "e", 2));
        Assert.Equal(2, second.TransactionId);

        Task<ChangeCommit?> secondCommit = second.CommitAsync(ct);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => firstCommit);
        gated.Open();

        ChangeCommit secondDone = (await secondCommit)!;
        Assert.Equal(1, secondDone.TransactionId);
        Assert.Equal(1, fixture.Change.Commits);
        Assert.Equal([1L, 1, 1, 1], await TransactionsAsync(fixture.Open()));
        Assert.Equal([(1L, "z", 2), (5L, "e", 2)], await Rows.ReadAsync(fixture.Open().NewScan()));
    }

    /// <summary>A new writer of <paramref name="table"/> that has upserted <paramref name="rows"/>, not committed.</summary>
    private static async Task<ChangeWriter> UpsertedAsync(PrimaryKeyTable table, params (long Id, string? Name, int? Value)[] rows)
    {
        ChangeWriter writer = table.NewChangeWriter();
        using var batch = Rows.Of(rows);
        await writer.UpsertAsync(batch, TestContext.Current.CancellationToken);
        return writer;
    }

    /// <summary>The transaction id of every change row, in change-log order.</summary>
    private static async Task<List<long>> TransactionsAsync(PrimaryKeyTable table)
    {
        var transactions = new List<long>();
        await foreach (ChangeBatch batch in table.NewChangeDataScan().ReadAsync(TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                transactions.AddRange(batch.TransactionIds);
            }
        }

        return transactions;
    }

    /// <summary>Holds every commit until opened, and says when the first one arrived.</summary>
    private sealed class GatedOperations(ITableOperations inner) : ITableOperations
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public Task Entered => _entered.Task;

        public int Calls => Volatile.Read(ref _calls);

        public IFileIO Io => inner.Io;

        public TableMetadata Current => inner.Current;

        public void Open() => _open.TrySetResult();

        public Task<TableMetadata> RefreshAsync(CancellationToken cancellationToken = default) => inner.RefreshAsync(cancellationToken);

        public async Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            _entered.TrySetResult();
            await _open.Task.WaitAsync(cancellationToken);
            return await inner.CommitAsync(baseMetadata, updated, cancellationToken);
        }
    }
}
