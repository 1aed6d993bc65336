using Floe.Core.Metadata;
using Floe.PrimaryKeys.Writing;
using Floe.Table.Operations;
using Floe.TestKit;

namespace Floe.PrimaryKeys.Tests.Writing;

public sealed class OnDiskBarrierTests
{
    [Fact]
    public async Task The_metadata_is_stored_only_once_the_files_are_on_disk_and_a_failed_flush_stops_it()
    {
        using var table = TestTable.Create();
        var operations = new StoreOperations(table.Change);
        TableMetadata before = table.Change.Current;
        var flushed = new TaskCompletionSource();
        IMetadataChange rename = new SetProperty("v");

        Task<TableMetadata> commit = TableCommitter.CommitAsync(operations, [rename, new OnDiskBarrier(() => flushed.Task)], TestContext.Current.CancellationToken);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(commit.IsCompleted);
        Assert.Same(before, table.Change.Current);
        flushed.SetResult();
        Assert.Equal("v", (await commit).Properties["k"]);

        IMetadataChange again = new SetProperty("w");
        await Assert.ThrowsAsync<IOException>(() => TableCommitter.CommitAsync(operations, [again, new OnDiskBarrier(() => Task.FromException(new IOException("disk gone")))], TestContext.Current.CancellationToken));
        Assert.Equal("v", table.Change.Current.Properties["k"]);
    }

    private sealed class SetProperty(string value) : IMetadataChange
    {
        public Task<TableMetadata> ApplyAsync(TableMetadata current, CancellationToken cancellationToken) =>
            Task.FromResult(TableMetadataBuilder.From(current).SetProperties(new Dictionary<string, string> { ["k"] = value }).Build());

        public Task CleanUpAsync(bool committed, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
