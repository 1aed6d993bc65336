using Floe.Common.Columnar;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Sorting;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Table.Data.Columns;
using Floe.Table.Data.Deletes;
using Floe.Table.Data.Writing;
using Floe.Table.Operations;
using Floe.Table.Scanning;
using Floe.TestKit;

namespace Floe.Optimizing.Tests;

/// <summary>One row of the test table: id, category (the partition column when partitioned) and value.</summary>
internal sealed record Row(long Id, string Category, double? Value);

/// <summary>
/// A table in a temporary folder with helpers writing data, position delete and equality delete files of
/// <see cref="Row"/>s. <see cref="OpenWriter"/> gives another handle on the same table (a concurrent writer).
/// </summary>
internal sealed class TestTable : IDisposable
{
    private readonly TableStore _store;
    private int _fileNumber;

    private TestTable(string folder, TableStore store)
    {
        Folder = folder;
        _store = store;
        Table = OpenWriter();
    }

    public static Schema Schema { get; } = new([
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Required(2, "category", PrimitiveType.String),
        NestedField.Optional(3, "value", PrimitiveType.Double),
    ]);

    public string Folder { get; }

    internal TableStore Store => _store;

    public IcebergTable Table { get; }

    public TableMetadata Metadata => _store.Latest;

    public PartitionSpec Spec => Metadata.DefaultSpec;

    public static TestTable Create(bool partitioned, IReadOnlyDictionary<string, string>? properties = null)
    {
        string folder = Path.Combine(Path.GetTempPath(), "floe-opt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "metadata"));
        PartitionSpec? spec = partitioned ? new PartitionSpecBuilder(Schema).Identity("category").Build() : null;
        var props = new Dictionary<string, string>
        {
            [CommitRetryProperties.NumRetries.Key] = "20",
            [CommitRetryProperties.MinWaitMs.Key] = "1",
            [CommitRetryProperties.MaxWaitMs.Key] = "5",
        };
        foreach (var (key, value) in properties ?? new Dictionary<string, string>())
        {
            props[key] = value;
        }

        TableMetadata metadata = NewTable.Create(Schema, spec, SortOrder.Unsorted, folder, props);
        return new TestTable(folder, new TableStore(metadata));
    }

    public IcebergTable OpenWriter() => new("t", new FolderTableOperations(_store));

    public PartitionData PartitionOf(string category) =>
        Spec.IsUnpartitioned ? PartitionData.Empty : PartitionData.Of(Literal.Of(category));

    /// <summary>Writes one data file of rows sharing the first row's category.</summary>
    public async Task<DataFile> WriteDataAsync(IEnumerable<Row> rows)
    {
        var list = rows.ToList();
        var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(Schema), list.Count);
        foreach (Row row in list)
        {
            ((PrimitiveVector<long>)batch.Column(0)).Append(row.Id);
            ((BinaryVector)batch.Column(1)).Append(row.Category);
            if (row.Value is double value)
            {
                ((PrimitiveVector<double>)batch.Column(2)).Append(value);
            }
            else
            {
                batch.Column(2).AppendNull();
            }
        }

        return await WriteAsync(Schema, batch, PartitionOf(list[0].Category));
    }

    public async Task<DeleteFile> WritePositionDeletesAsync(string category, params (DataFile File, long Position)[] deletes)
    {
        string path = NextPath();
        var writer = new PositionDeleteWriter(File.Create(path), path, Spec, PartitionOf(category));
        await using (writer)
        {
            foreach ((DataFile file, long position) in deletes)
            {
                writer.Delete(file.FilePath, position);
            }

            return await writer.CloseAsync(TestContext.Current.CancellationToken);
        }
    }

    public async Task<DeleteFile> WriteIdDeletesAsync(string category, params long[] ids)
    {
        Schema idSchema = SchemaProjection.Project(Schema, [1]);
        var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(idSchema), ids.Length);
        foreach (long id in ids)
        {
            ((PrimitiveVector<long>)batch.Column(0)).Append(id);
        }

        DataFile written = await WriteAsync(idSchema, batch, PartitionOf(category));
        return new DeleteFile
        {
            DeleteContent = FileContent.EqualityDeletes,
            FilePath = written.FilePath,
            Format = written.Format,
            SpecId = written.SpecId,
            Partition = written.Partition,
            RecordCount = written.RecordCount,
            FileSizeInBytes = written.FileSizeInBytes,
            ValueCounts = written.ValueCounts,
            NullValueCounts = written.NullValueCounts,
            LowerBounds = written.LowerBounds,
            UpperBounds = written.UpperBounds,
            EqualityIds = [1],
        };
    }

    public static async Task AppendAsync(IcebergTable table, params DataFile[] files)
    {
        AppendFiles append = table.NewFastAppend();
        foreach (DataFile file in files)
        {
            append.AppendFile(file);
        }

        await append.CommitAsync(TestContext.Current.CancellationToken);
    }

    public static async Task RowDeltaAsync(IcebergTable table, IEnumerable<DataFile> added, IEnumerable<DeleteFile> deletes)
    {
        RowDelta delta = table.NewRowDelta();
        foreach (DataFile file in added)
        {
            delta.AddRows(file);
        }

        foreach (DeleteFile file in deletes)
        {
            delta.AddDeletes(file);
        }

        await delta.CommitAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Every row of the current snapshot, sorted by id.</summary>
    public async Task<List<Row>> ScanAsync()
    {
        var rows = new List<Row>();
        await foreach (ColumnBatch batch in new TableScan(Metadata, Table.Operations.Io).ReadAsync(TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                var ids = (PrimitiveVector<long>)batch.Column(0);
                var categories = (BinaryVector)batch.Column(1);
                var values = (PrimitiveVector<double>)batch.Column(2);
                for (int i = 0; i < batch.RowCount; i++)
                {
                    rows.Add(new Row(ids[i], categories.GetString(i), values.IsNull(i) ? null : values[i]));
                }
            }
        }

        rows.Sort((a, b) => a.Id.CompareTo(b.Id));
        return rows;
    }

    /// <summary>Live data and delete files of the current snapshot.</summary>
    public async Task<(int Data, int Deletes)> CountFilesAsync()
    {
        IReadOnlyList<FileScanTask> tasks = await new TableScan(Metadata, Table.Operations.Io).PlanFilesAsync(TestContext.Current.CancellationToken);
        return (tasks.Count, tasks.SelectMany(t => t.Deletes).Select(d => d.FilePath).Distinct().Count());
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private string NextPath()
    {
        string path = Path.Combine(Folder, "data", $"in-{Interlocked.Increment(ref _fileNumber):D5}.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    private async Task<DataFile> WriteAsync(Schema schema, ColumnBatch batch, PartitionData partition)
    {
        using (batch)
        {
            string path = NextPath();
            var writer = new DataFileWriter(File.Create(path), path, new DataWriterConfig { Schema = schema, Spec = Spec }, partition);
            await using (writer)
            {
                await writer.WriteAsync(batch, TestContext.Current.CancellationToken);
                return await writer.CloseAsync(TestContext.Current.CancellationToken);
            }
        }
    }
}
