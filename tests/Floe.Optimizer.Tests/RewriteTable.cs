using Floe.Common.Columnar;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Sorting;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Table.Data.Columns;
using Floe.Table.Data.Writing;
using Floe.Table.Operations;
using Floe.TestKit;

namespace Floe.Optimizer.Tests;

/// <summary>
/// A table in a temporary folder, partitioned by category, filled by small appends of (id, category, value) rows:
/// enough for the planner to plan rewrite tasks an optimizer can run.
/// </summary>
internal sealed class RewriteTable : IDisposable
{
    private readonly TableStore _store;
    private int _fileNumber;

    private RewriteTable(string folder, TableStore store)
    {
        Folder = folder;
        _store = store;
        Table = new IcebergTable("t", new FolderTableOperations(store));
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
        return new RewriteTable(folder, new TableStore(metadata));
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
}
