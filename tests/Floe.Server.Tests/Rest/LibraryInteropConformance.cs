using System.Net;
using Floe.Catalog;
using Floe.Common.Columnar;
using Floe.Core.Metadata;
using Floe.Table.Operations;
using Floe.Table.Scanning;

namespace Floe.Server.Tests.Rest;

/// <summary>The REST catalog and the Floe library see the same tables: each side reads what the other wrote.</summary>
public abstract class LibraryInteropConformance<TBackend>(TBackend backend) : ConformanceBase<TBackend>(backend)
    where TBackend : RestBackend
{
    [Fact]
    public async Task A_library_append_is_visible_through_rest()
    {
        var (ns, path, _) = await CreateTableAsync();
        var catalog = await Backend.OpenCatalogAsync(Backend.DefaultCatalog);
        var table = await catalog.LoadTableAsync(TableIdentifier.Of(Uri.UnescapeDataString(ns), "t"), TestContext.Current.CancellationToken);
        await AppendRowsAsync(table, (1, "a", 1.5), (2, "b", 2.5), (3, "a", 3.5));

        var reply = (await Client.GetAsync($"v1/{path}")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(table.Metadata.MetadataFileLocation, reply.GetProperty("metadata-location").GetString());
        var metadata = reply.GetProperty("metadata");
        Assert.Equal(table.CurrentSnapshot!.SnapshotId, metadata.GetProperty("current-snapshot-id").GetInt64());
        var summary = metadata.GetProperty("snapshots")[0].GetProperty("summary");
        Assert.Equal("append", summary.GetProperty("operation").GetString());
        Assert.Equal("3", summary.GetProperty("added-records").GetString());
    }

    [Fact]
    public async Task A_table_created_and_appended_through_rest_is_scanned_by_the_library()
    {
        var (ns, path, created) = await CreateTableAsync();
        var catalog = await Backend.OpenCatalogAsync(Backend.DefaultCatalog);
        string level = Uri.UnescapeDataString(ns);

        // A client writes data and manifests itself, under the table's location, then commits the snapshot through
        // REST; here the library writes them for the table but keeps the new metadata instead of committing it.
        var operations = new UncommittedOperations((await catalog.LoadTableAsync(TableIdentifier.Of(level, "t"), TestContext.Current.CancellationToken)).Operations);
        var scratch = new IcebergTable("scratch", operations);
        await AppendRowsAsync(scratch, (10, "x", 0.25), (11, "y", 0.5));
        string snapshot = MetadataUpdateJson.ToJson(new MetadataUpdate.AddSnapshot(scratch.CurrentSnapshot!));
        long id = scratch.CurrentSnapshot!.SnapshotId;
        string uuid = created.GetProperty("metadata").GetProperty("table-uuid").GetString()!;
        (await CommitAsync(path,
            $$"""{"type":"assert-table-uuid","uuid":"{{uuid}}"},{{RefRequirement(null)}}""",
            $$"""{{snapshot}},{"action":"set-snapshot-ref","ref-name":"main","type":"branch","snapshot-id":{{Number(id)}}}""")).Is(HttpStatusCode.OK);

        var table = await catalog.LoadTableAsync(TableIdentifier.Of(level, "t"), TestContext.Current.CancellationToken);
        Assert.Equal(id, table.CurrentSnapshot!.SnapshotId);
        var rows = new List<(long, string, double)>();
        await foreach (ColumnBatch batch in table.NewScan().ReadAsync(TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                for (int r = 0; r < batch.RowCount; r++)
                {
                    rows.Add(((long)batch.Column(0).GetValue(r)!, (string)batch.Column(1).GetValue(r)!, (double)batch.Column(2).GetValue(r)!));
                }
            }
        }

        Assert.Equal([(10L, "x", 0.25), (11L, "y", 0.5)], rows.OrderBy(r => r.Item1));
    }

    private static Task AppendRowsAsync(IcebergTable table, params (long Id, string Category, double Value)[] rows) =>
        Floe.Server.Tests.Client.RestCatalogTests.AppendRowsAsync(table, rows);

    /// <summary>A table whose commits are kept here, not stored: the files are written, the catalog is not told.</summary>
    private sealed class UncommittedOperations(ITableOperations inner) : ITableOperations
    {
        private TableMetadata _current = inner.Current;

        public Core.IO.IFileIO Io => inner.Io;

        public TableMetadata Current => _current;

        public Task<TableMetadata> RefreshAsync(CancellationToken cancellationToken = default) => Task.FromResult(_current);

        public Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default)
        {
            _current = updated;
            return Task.FromResult(updated);
        }
    }
}
