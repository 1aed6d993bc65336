using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Manifests;
using Floe.Core.Values;
using Floe.Table.Data.Metrics;

namespace Floe.Table.Data.Writing;

/// <summary>
/// Writes one Parquet data file of a table from <see cref="ColumnBatch"/>es in the table schema's columns
/// (<see cref="Columns.IcebergColumns.ToColumnFields"/>), and on close returns the <see cref="DataFile"/> a manifest
/// lists: location, partition, record count, size, split offsets and the metrics each column's mode allows.
/// </summary>
public sealed class DataFileWriter : IAsyncDisposable
{
    private readonly ParquetContentWriter _writer;
    private readonly DataWriterConfig _config;
    private DataFile? _result;

    /// <summary>Creates a writer of the file at <paramref name="location"/> whose bytes go to <paramref name="output"/>.</summary>
    public DataFileWriter(Stream output, string location, DataWriterConfig config, PartitionData? partition = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(config);
        partition ??= PartitionData.Empty;
        if (partition.Size != config.Spec.Fields.Count)
        {
            throw new FloeException(
                FloeErrorKind.InvalidArgument,
                $"partition {partition} has {partition.Size} values but spec {config.Spec.SpecId} has {config.Spec.Fields.Count} fields");
        }

        Location = location;
        Partition = partition;
        _config = config;
        _writer = new ParquetContentWriter(output, config.Schema, config.Metrics, config.Parquet, leaveOpen);
    }

    /// <summary>Where the file is written.</summary>
    public string Location { get; }

    /// <summary>The partition tuple every row of the file belongs to.</summary>
    public PartitionData Partition { get; }

    /// <summary>The columns batches must have.</summary>
    public IReadOnlyList<ColumnField> Fields => _writer.Fields;

    /// <summary>Rows written so far.</summary>
    public long RecordCount => _writer.RecordCount;

    /// <summary>The file's size so far, with the row group still in memory estimated.</summary>
    public long EstimatedLength => _writer.EstimatedLength;

    /// <summary>Adds the rows of <paramref name="batch"/>.</summary>
    public ValueTask WriteAsync(ColumnBatch batch, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_result is not null, this);
        return _writer.WriteAsync(batch, cancellationToken);
    }

    /// <summary>
    /// Adds the rows of <paramref name="batch"/> that <paramref name="rows"/> lists, in that order: a selection (one
    /// partition's rows, say) written without first copying those rows into a batch of their own.
    /// </summary>
    public ValueTask WriteAsync(ColumnBatch batch, ReadOnlyMemory<int> rows, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_result is not null, this);
        return _writer.WriteAsync(batch, rows, cancellationToken);
    }

    /// <summary>Finishes the file and describes it.</summary>
    public async ValueTask<DataFile> CloseAsync(CancellationToken cancellationToken = default)
    {
        if (_result is not null)
        {
            return _result;
        }

        FileMetrics metrics = await _writer.CloseAsync(cancellationToken).ConfigureAwait(false);
        _result = new DataFile
        {
            FilePath = Location,
            Format = FileFormat.Parquet,
            SpecId = _config.Spec.SpecId,
            Partition = Partition,
            RecordCount = metrics.RecordCount,
            FileSizeInBytes = metrics.FileSizeInBytes,
            ColumnSizes = metrics.ColumnSizes,
            ValueCounts = metrics.ValueCounts,
            NullValueCounts = metrics.NullValueCounts,
            NanValueCounts = metrics.NanValueCounts,
            LowerBounds = metrics.LowerBounds,
            UpperBounds = metrics.UpperBounds,
            SplitOffsets = metrics.SplitOffsets,
            SortOrderId = _config.SortOrderId,
        };
        return _result;
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
