using Floe.Catalog;
using Floe.Catalog.FileSystem;
using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.PrimaryKeys;
using Floe.Table.Operations;

namespace Floe.Tests;

/// <summary>
/// What a write leaves on disk when its commit fails: nothing when the catalog refused the commit, every data file when
/// the outcome is unknown (the commit may have landed and named them), on both kinds of table.
/// </summary>
public sealed class CommitFailureCleanupTests : IDisposable
{
    private readonly string _warehouse = Path.Combine(Path.GetTempPath(), "floe-front-door-cleanup", Guid.NewGuid().ToString("N"));
    private readonly FileSystemCatalog _catalog;

    public CommitFailureCleanupTests()
    {
        _catalog = new FileSystemCatalog(_warehouse);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_warehouse, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Theory]
    [InlineData(FloeErrorKind.Forbidden, 0)]
    [InlineData(FloeErrorKind.CommitStateUnknown, 1)]
    public async Task Append_deletes_its_files_only_when_the_commit_was_refused(FloeErrorKind failure, int filesLeft)
    {
        TableIdentifier id = TableIdentifier.Of("db", "plain");
        await _catalog.CreateNamespaceAsync(id.Namespace, Ct);
        TableMetadata created = await _catalog.CreateTableAsync(id, TestRows.IcebergSchema, cancellationToken: Ct);
        var failing = new FailingCommits((await _catalog.LoadTableAsync(id, Ct)).Operations, failure);
        var table = new FloeTable("db.plain", new IcebergTable("db.plain", failing));

        FloeException error = await Assert.ThrowsAsync<FloeException>(() => table.AppendAsync(TestRows.Of((1, "a", 10), (2, "b", 20)), Ct));
        Assert.Equal(failure, error.Kind);
        Assert.Equal(1, failing.Attempts);
        Assert.Equal(filesLeft, TestRows.DataFiles(Path.Combine(created.Location, "data")).Length);
    }

    [Theory]
    [InlineData(FloeErrorKind.Forbidden, 0)]
    [InlineData(FloeErrorKind.CommitStateUnknown, 2)]
    public async Task Upsert_deletes_its_change_files_only_when_the_commit_was_refused(FloeErrorKind failure, int filesLeft)
    {
        TableIdentifier id = TableIdentifier.Of("db", "keyed");
        await _catalog.CreateNamespaceAsync(id.Namespace, Ct);
        PrimaryKeyTable created = await _catalog.CreatePrimaryKeyTableAsync(id, TestRows.IcebergSchema, ["id"], cancellationToken: Ct);
        var failing = new FailingCommits(created.ChangeTable.Operations, failure);
        var table = new FloeTable("db.keyed", new PrimaryKeyTable("db.keyed", created.BaseTable.Operations, failing));

        FloeException error = await Assert.ThrowsAsync<FloeException>(() => table.UpsertAsync(TestRows.Of((1, "a", 10)), Ct));
        Assert.Equal(failure, error.Kind);
        // An upsert writes a delete file and an insert file.
        Assert.Equal(filesLeft, TestRows.DataFiles(created.Location).Length);
    }

    [Fact]
    public async Task A_refused_overwrite_leaves_the_table_and_no_new_files()
    {
        await using FloeCatalog catalog = await FloeCatalog.OpenAsync(_warehouse, cancellationToken: Ct);
        await catalog.CreateNamespaceAsync("db", Ct);
        FloeTable table = await catalog.CreateTableAsync("db.t", TestRows.Schema, cancellationToken: Ct);
        await table.AppendAsync(TestRows.Of((1, "a", 10), (2, "b", 20)), Ct);
        string data = Path.Combine(table.Iceberg!.Metadata.Location, "data");
        string[] before = TestRows.DataFiles(data);

        await Assert.ThrowsAsync<FloeException>(() => table.OverwriteAsync("id = 1", TestRows.Of((3, "c", 30)), Ct));
        Assert.Equal(before, TestRows.DataFiles(data));
    }

    /// <summary>A table's operations whose commits fail with one kind, after nothing was swapped.</summary>
    private sealed class FailingCommits(ITableOperations inner, FloeErrorKind kind) : ITableOperations
    {
        public int Attempts { get; private set; }

        public IFileIO Io => inner.Io;

        public TableMetadata Current => inner.Current;

        public Task<TableMetadata> RefreshAsync(CancellationToken cancellationToken = default) => inner.RefreshAsync(cancellationToken);

        public Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default)
        {
            Attempts++;
            throw new FloeException(kind, $"The commit failed ({kind}).");
        }
    }
}
