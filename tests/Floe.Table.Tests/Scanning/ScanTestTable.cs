using Floe.Catalog;
using Floe.Catalog.FileSystem;
using Floe.Common.Columnar;
using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Table.Data.Columns;
using Floe.Table.Data.Writing;
using Floe.Table.Operations;

namespace Floe.Table.Tests.Scanning;

/// <summary>One row of the test table: id, category (the partition column when partitioned), value, note.</summary>
internal sealed record TestRow(long Id, string Category, double Value, string? Note = null)
{
    public static TestRow FromValues(object?[] values) =>
        new((long)values[0]!, (string)values[1]!, (double)values[2]!, (string?)values[3]);
}

/// <summary>
/// A table in a temporary filesystem warehouse, with helpers that write data, position delete and equality delete
/// files of <see cref="TestRow"/>s; commits go through the table's own operations. Deleted on dispose.
/// </summary>
internal sealed class ScanTestTable : IAsyncDisposable
{
    private int _fileNumber;

    private ScanTestTable(string warehouse, IcebergTable table)
    {
        Warehouse = warehouse;
        Table = table;
    }

    public static Schema Schema { get; } = new([
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Required(2, "category", PrimitiveType.String),
        NestedField.Optional(3, "value", PrimitiveType.Double),
        NestedField.Optional(4, "note", PrimitiveType.String),
    ]);

    public string Warehouse { get; }

    public IcebergTable Table { get; private set; }

    public PartitionSpec Spec => Table.Spec;

    /// <summary>Parquet options of the files written next (small row groups make files with many split offsets).</summary>
    public Floe.Parquet.Writing.ParquetWriterOptions Parquet { get; set; } = new();

    public static async Task<ScanTestTable> CreateAsync(bool partitioned)
    {
        var ct = TestContext.Current.CancellationToken;
        string warehouse = Path.Combine(Path.GetTempPath(), "floe-scan-" + Guid.NewGuid().ToString("N"));
        var catalog = new FileSystemCatalog(warehouse);
        var identifier = TableIdentifier.Of("db", "t");
        await catalog.CreateNamespaceAsync(identifier.Namespace, ct);
        PartitionSpec spec = partitioned ? new PartitionSpecBuilder(Schema).Identity("category").Build() : PartitionSpec.Unpartitioned;
        await catalog.CreateTableAsync(identifier, Schema, spec, cancellationToken: ct);
        return new ScanTestTable(warehouse, await catalog.LoadTableAsync(identifier, ct));
    }

    public PartitionData PartitionOf(string category) =>
        Spec.IsUnpartitioned ? PartitionData.Empty : PartitionData.Of(Literal.Of(category));

    /// <summary>Writes one data file of rows that all share the first row's partition.</summary>
    public async Task<DataFile> WriteDataAsync(params TestRow[] rows)
    {
        var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(Schema), rows.Length);
        foreach (TestRow row in rows)
        {
            ((PrimitiveVector<long>)batch.Column(0)).Append(row.Id);
            ((BinaryVector)batch.Column(1)).Append(row.Category);
            ((PrimitiveVector<double>)batch.Column(2)).Append(row.Value);
            if (row.Note is null)
            {
                batch.Column(3).AppendNull();
            }
            else
            {
                ((BinaryVector)batch.Column(3)).Append(row.Note);
            }
        }

        return await WriteAsync(Schema, batch, PartitionOf(rows[0].Category));
    }

    /// <summary>Writes a position delete file for rows of data files in one partition.</summary>
    public async Task<DeleteFile> WritePositionDeletesAsync(string category, params (DataFile File, long Position)[] deletes)
    {
        var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(MetadataColumns.PositionDeleteSchema), deletes.Length);
        foreach ((DataFile file, long position) in deletes.OrderBy(d => d.File.FilePath, StringComparer.Ordinal).ThenBy(d => d.Position))
        {
            ((BinaryVector)batch.Column(0)).Append(file.FilePath);
            ((PrimitiveVector<long>)batch.Column(1)).Append(position);
        }

        DataFile written = await WriteAsync(MetadataColumns.PositionDeleteSchema, batch, PartitionOf(category));
        return ToDeleteFile(written, FileContent.PositionDeletes, null);
    }

    /// <summary>Writes an equality delete file on the id column for one partition.</summary>
    public async Task<DeleteFile> WriteIdDeletesAsync(string category, params long[] ids)
    {
        Schema idSchema = SchemaProjection.Project(Schema, [1]);
        var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(idSchema), ids.Length);
        foreach (long id in ids)
        {
            ((PrimitiveVector<long>)batch.Column(0)).Append(id);
        }

        DataFile written = await WriteAsync(idSchema, batch, PartitionOf(category));
        return ToDeleteFile(written, FileContent.EqualityDeletes, [1]);
    }

    public async Task<long> AppendAsync(params DataFile[] files)
    {
        AppendFiles append = Table.NewFastAppend();
        foreach (DataFile file in files)
        {
            append.AppendFile(file);
        }

        await append.CommitAsync(TestContext.Current.CancellationToken);
        return Table.CurrentSnapshot!.SnapshotId;
    }

    public async Task<long> RowDeltaAsync(IEnumerable<DataFile> added, IEnumerable<DeleteFile> deletes)
    {
        RowDelta delta = Table.NewRowDelta();
        foreach (DataFile file in added)
        {
            delta.AddRows(file);
        }

        foreach (DeleteFile file in deletes)
        {
            delta.AddDeletes(file);
        }

        await delta.CommitAsync(TestContext.Current.CancellationToken);
        return Table.CurrentSnapshot!.SnapshotId;
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(Warehouse))
        {
            Directory.Delete(Warehouse, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private static DeleteFile ToDeleteFile(DataFile file, FileContent content, IReadOnlyList<int>? equalityIds) => new()
    {
        DeleteContent = content,
        FilePath = file.FilePath,
        Format = file.Format,
        SpecId = file.SpecId,
        Partition = file.Partition,
        RecordCount = file.RecordCount,
        FileSizeInBytes = file.FileSizeInBytes,
        ValueCounts = file.ValueCounts,
        NullValueCounts = file.NullValueCounts,
        LowerBounds = file.LowerBounds,
        UpperBounds = file.UpperBounds,
        EqualityIds = equalityIds,
    };

    private async Task<DataFile> WriteAsync(Schema schema, ColumnBatch batch, PartitionData partition)
    {
        using (batch)
        {
            string path = Path.Combine(Table.Metadata.Location, "data", $"file-{Interlocked.Increment(ref _fileNumber):D4}.parquet");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var config = new DataWriterConfig { Schema = schema, Spec = Spec, Parquet = Parquet };
            var writer = new DataFileWriter(File.Create(path), path, config, partition);
            await using (writer)
            {
                await writer.WriteAsync(batch, TestContext.Current.CancellationToken);
                return await writer.CloseAsync(TestContext.Current.CancellationToken);
            }
        }
    }
}
