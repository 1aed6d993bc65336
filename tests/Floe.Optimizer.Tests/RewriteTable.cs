using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Sorting;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Table.Data.Schema;
using Floe.Table.Data.Writing;
using Floe.Table.Operations;

namespace Floe.Optimizer.Tests;

/// <summary>
/// A table in a temporary folder, partitioned by category, filled by small appends of (id, category, value) rows:
/// enough for the planner to plan rewrite tasks an optimizer can run.
/// </summary>
internal sealed class RewriteTable : IDisposable
{
    private readonly Store _store;
    private int _fileNumber;

    private RewriteTable(string folder, Store store)
    {
        Folder = folder;
        _store = store;
        Table = new IcebergTable("t", new FolderOperations(store));
    }

    public static Schema Schema { get; } = new([
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Required(2, "category", PrimitiveType.String),
        NestedField.Optional(3, "value", PrimitiveType.Double),
    ]);

    public string Folder { get; }

    public IcebergTable Table { get; }

    public TableMetadata Metadata => _store.Latest;

    public static RewriteTable Create()
    {
        string folder = Path.Combine(Path.GetTempPath(), "floe-optimizer-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "metadata"));
        PartitionSpec spec = new PartitionSpecBuilder(Schema).Identity("category").Build();
        TableMetadata metadata = NewTable.Create(Schema, spec, SortOrder.Unsorted, folder, new Dictionary<string, string>());
        return new RewriteTable(folder, new Store(metadata));
    }

    /// <summary>Appends one file of <paramref name="count"/> rows of <paramref name="category"/> from id <paramref name="firstId"/>.</summary>
    public async Task AppendAsync(string category, long firstId, int count)
    {
        var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(Schema), count);
        for (int i = 0; i < count; i++)
        {
            ((PrimitiveVector<long>)batch.Column(0)).Append(firstId + i);
            ((BinaryVector)batch.Column(1)).Append(category);
            ((PrimitiveVector<double>)batch.Column(2)).Append((firstId + i) * 0.5);
        }

        DataFile file;
        using (batch)
        {
            string path = Path.Combine(Folder, "data", $"in-{++_fileNumber:D5}.parquet");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var writer = new DataFileWriter(File.Create(path), path, new DataWriterConfig { Schema = Schema, Spec = Metadata.DefaultSpec }, PartitionData.Of(Literal.Of(category)));
            await using (writer)
            {
                await writer.WriteAsync(batch, TestContext.Current.CancellationToken);
                file = await writer.CloseAsync(TestContext.Current.CancellationToken);
            }
        }

        AppendFiles append = Table.NewFastAppend();
        append.AppendFile(file);
        await append.CommitAsync(TestContext.Current.CancellationToken);
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    /// <summary>The one current metadata version, swapped under a lock (a catalog in miniature).</summary>
    private sealed class Store(TableMetadata initial)
    {
        private readonly Lock _lock = new();
        private TableMetadata _latest = initial;

        public TableMetadata Latest
        {
            get
            {
                lock (_lock)
                {
                    return _latest;
                }
            }
        }

        public bool TrySwap(TableMetadata expected, TableMetadata updated)
        {
            lock (_lock)
            {
                if (!ReferenceEquals(_latest, expected))
                {
                    return false;
                }

                _latest = updated;
                return true;
            }
        }
    }

    private sealed class FolderOperations(Store store) : ITableOperations
    {
        public IFileIO Io { get; } = new LocalFileIO();

        public TableMetadata Current { get; private set; } = store.Latest;

        public Task<TableMetadata> RefreshAsync(CancellationToken cancellationToken = default)
        {
            Current = store.Latest;
            return Task.FromResult(Current);
        }

        public Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default)
        {
            if (!store.TrySwap(baseMetadata, updated))
            {
                throw new FloeException(FloeErrorKind.CommitConflict, "The table changed since the base metadata was read.");
            }

            Current = updated;
            return Task.FromResult(updated);
        }
    }
}
