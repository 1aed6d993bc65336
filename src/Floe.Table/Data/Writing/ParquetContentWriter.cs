using Floe.Common.Columnar;
using Floe.Core.IO;
using Floe.Core.Schemas;
using Floe.Parquet.Writing;
using Floe.Table.Data.Columns;
using Floe.Table.Data.Metrics;

namespace Floe.Table.Data.Writing;

/// <summary>
/// The Parquet file under every data and delete file writer: writes batches of an Iceberg schema with field ids
/// and the <c>iceberg.schema</c> footer key, estimates the file's size while it grows, and converts the Parquet
/// metrics to Iceberg metrics on close.
/// </summary>
internal sealed class ParquetContentWriter : IAsyncDisposable
{
    private const int MagicLength = 4;

    private readonly CountingStream _output;
    private readonly ParquetFileWriter _writer;
    private readonly Schema _schema;
    private readonly MetricsConfig _metrics;
    private long _rawBytes;
    private long _rawBytesFlushed;
    private long _bytesAtLastCheck = MagicLength;

    public ParquetContentWriter(Stream output, Schema schema, MetricsConfig metrics, ParquetWriterOptions options, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(output);
        _schema = schema;
        _metrics = metrics;
        Fields = IcebergColumns.ToColumnFields(schema);
        var keyValues = new Dictionary<string, string>(options.KeyValueMetadata)
        {
            [IcebergColumns.SchemaKey] = SchemaJson.ToJson(schema),
        };
        _output = new CountingStream(output, leaveOpen);
        _writer = new ParquetFileWriter(_output, Fields, options with { KeyValueMetadata = keyValues });
    }

    public IReadOnlyList<ColumnField> Fields { get; }

    public long RecordCount => _writer.RowCount;

    /// <summary>
    /// Bytes written plus an estimate of the row group still in memory: its raw size scaled by the ratio of file
    /// bytes to raw bytes seen so far (1 until the first row group is written).
    /// </summary>
    public long EstimatedLength
    {
        get
        {
            long written = _output.BytesWritten;
            double ratio = _rawBytesFlushed > 0 ? (double)(written - MagicLength) / _rawBytesFlushed : 1.0;
            return written + (long)((_rawBytes - _rawBytesFlushed) * ratio);
        }
    }

    public async ValueTask WriteAsync(ColumnBatch batch, CancellationToken cancellationToken)
    {
        await _writer.WriteBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        Written(BatchSize.Estimate(batch));
    }

    /// <summary>Writes the rows of <paramref name="batch"/> that <paramref name="rows"/> lists, in that order.</summary>
    public async ValueTask WriteAsync(ColumnBatch batch, ReadOnlyMemory<int> rows, CancellationToken cancellationToken)
    {
        await _writer.WriteBatchAsync(batch, rows, cancellationToken).ConfigureAwait(false);
        Written(batch.RowCount == 0 ? 0 : BatchSize.Estimate(batch) * rows.Length / batch.RowCount);
    }

    private void Written(long rawBytes)
    {
        _rawBytes += rawBytes;
        if (_output.BytesWritten > _bytesAtLastCheck)
        {
            // A row group went out during this batch; count the batch as written (close enough for rolling).
            _bytesAtLastCheck = _output.BytesWritten;
            _rawBytesFlushed = _rawBytes;
        }
    }

    public async ValueTask<FileMetrics> CloseAsync(CancellationToken cancellationToken)
    {
        ParquetFileMetrics parquet = await _writer.CloseAsync(cancellationToken).ConfigureAwait(false);
        await _output.DisposeAsync().ConfigureAwait(false);
        return ParquetMetricsConverter.Convert(parquet, _schema, _metrics);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _output.DisposeAsync().ConfigureAwait(false);
    }
}
