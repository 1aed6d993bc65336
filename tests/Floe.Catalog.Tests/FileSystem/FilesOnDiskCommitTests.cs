using Floe.Core.Metadata;
using Floe.Table.Operations;

namespace Floe.Catalog.Tests.FileSystem;

/// <summary>A commit whose files are still reaching the disk: the version file is prepared meanwhile but appears only after.</summary>
public sealed class FilesOnDiskCommitTests : IDisposable
{
    private readonly TempWarehouse _warehouse = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _warehouse.Dispose();

    [Fact]
    public async Task The_next_version_appears_only_once_the_files_are_on_disk()
    {
        await _warehouse.CreateEventsAsync();
        ITableOperations operations = (await _warehouse.Catalog.LoadTableAsync(TempWarehouse.Events, _ct)).Operations;
        var flushed = new TaskCompletionSource();
        var change = new RecordingChange("v", flushed.Task);

        Task<TableMetadata> commit = TableCommitter.CommitAsync(operations, [change], _ct);
        await Task.Delay(100, _ct);

        Assert.False(commit.IsCompleted);
        Assert.Equal(["v1.metadata.json"], VersionFiles());
        flushed.SetResult();
        TableMetadata stored = await commit;

        Assert.EndsWith("v2.metadata.json", stored.MetadataFileLocation, StringComparison.Ordinal);
        Assert.Equal("v", (await _warehouse.Catalog.LoadTableAsync(TempWarehouse.Events, _ct)).Metadata.Properties["k"]);
        Assert.Equal(["v1.metadata.json", "v2.metadata.json", "version-hint.text"], MetadataFiles());
        Assert.True(change.CleanedUp is true);
    }

    [Fact]
    public async Task A_failed_flush_stores_nothing_leaves_no_temporary_file_and_cleans_up_as_not_committed()
    {
        await _warehouse.CreateEventsAsync();
        ITableOperations operations = (await _warehouse.Catalog.LoadTableAsync(TempWarehouse.Events, _ct)).Operations;
        var flushed = new TaskCompletionSource();
        var change = new RecordingChange("w", flushed.Task);

        Task<TableMetadata> commit = TableCommitter.CommitAsync(operations, [change], _ct);
        await Task.Delay(100, _ct);
        flushed.SetException(new IOException("disk gone"));

        var error = await Assert.ThrowsAsync<IOException>(() => commit);
        Assert.Equal("disk gone", error.Message);
        Assert.Equal(["v1.metadata.json", "version-hint.text"], MetadataFiles());
        Assert.False((await _warehouse.Catalog.LoadTableAsync(TempWarehouse.Events, _ct)).Metadata.Properties.ContainsKey("k"));
        Assert.True(change.CleanedUp is false);
    }

    private string[] MetadataFiles() =>
        [.. Directory.EnumerateFiles(_warehouse.MetadataFolder(TempWarehouse.Events)).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    private string[] VersionFiles() => [.. MetadataFiles().Where(name => name.EndsWith(".metadata.json", StringComparison.Ordinal))];

    /// <summary>Sets property k; its files reach the disk when <paramref name="onDisk"/> completes.</summary>
    private sealed class RecordingChange(string value, Task onDisk) : IMetadataChange
    {
        public bool? CleanedUp { get; private set; }

        public Task<TableMetadata> ApplyAsync(TableMetadata current, CancellationToken cancellationToken) =>
            Task.FromResult(TableMetadataBuilder.From(current).SetProperties(new Dictionary<string, string> { ["k"] = value }).Build());

        public Task WhenOnDiskAsync() => onDisk;

        public Task CleanUpAsync(bool committed, CancellationToken cancellationToken)
        {
            CleanedUp = committed;
            return Task.CompletedTask;
        }
    }
}
