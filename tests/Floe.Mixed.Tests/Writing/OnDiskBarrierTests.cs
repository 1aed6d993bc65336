using Floe.Core.Metadata;
using Floe.Mixed.Writing;

namespace Floe.Mixed.Tests.Writing;

public sealed class OnDiskBarrierTests
{
    [Fact]
    public async Task The_metadata_passes_only_once_the_files_are_on_disk_and_a_failed_flush_stops_it()
    {
        using var table = TestTable.Create();
        TableMetadata current = table.Change.Current;
        var flushed = new TaskCompletionSource();
        var barrier = new OnDiskBarrier(() => flushed.Task);

        Task<TableMetadata> applied = barrier.ApplyAsync(current, TestContext.Current.CancellationToken);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(applied.IsCompleted);
        flushed.SetResult();
        Assert.Same(current, await applied);

        var failing = new OnDiskBarrier(() => Task.FromException(new IOException("disk gone")));
        await Assert.ThrowsAsync<IOException>(() => failing.ApplyAsync(current, TestContext.Current.CancellationToken));
    }
}
