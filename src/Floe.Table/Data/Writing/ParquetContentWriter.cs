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
    private readonly CountingStream _output;
    private readonly ParquetFileWriter _writer;
    private readonly Schema _schema;
    private readonly MetricsConfig _metrics;

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
    /// Bytes written plus the row group still in memory as encoded so far (compressed pages; open pages as raw
    /// values), so a file rolls near its target whatever the data's compression ratio.
    /// </summary>
    public long EstimatedLength => _output.BytesWritten + _writer.BufferedBytes;

    public ValueTask WriteAsync(ColumnBatch batch, CancellationToken cancellationToken) =>
        _writer.WriteBatchAsync(batch, cancellationToken);

    /// <summary>Writes the rows of <paramref name="batch"/> that <paramref name="rows"/> lists, in that order.</summary>
    public ValueTask WriteAsync(ColumnBatch batch, ReadOnlyMemory<int> rows, CancellationToken cancellationToken) =>
        _writer.WriteBatchAsync(batch, rows, cancellationToken);

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
