using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Parquet.Compression;
using Floe.Parquet.Encodings;
using Floe.Parquet.Metadata;
using Floe.Parquet.Schemas;
using Floe.Parquet.Thrift;
using Floe.Parquet.Writing.Levels;
using Floe.Parquet.Writing.Pages;
using Floe.Parquet.Writing.Statistics;

namespace Floe.Parquet.Writing;

/// <summary>
/// Writes a Parquet file from <see cref="ColumnBatch"/>es. Batches are striped and encoded into pages as they
/// arrive; a row group's pages are held in memory until the row group reaches
/// <see cref="ParquetWriterOptions.RowGroupSizeBytes"/>, then written out, so memory stays around one row group of
/// encoded pages. <see cref="CloseAsync"/> writes the footer and makes <see cref="Metrics"/> available.
/// </summary>
public sealed class ParquetFileWriter : IAsyncDisposable, IDisposable
{
    private static readonly byte[] s_magic = "PAR1"u8.ToArray();

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly ParquetWriterOptions _options;
    private readonly List<LeafColumn> _leaves;
    private readonly ColumnChunkWriter[] _columns;
    private readonly LeafStripe[] _stripes;
    private readonly LevelStriper _striper = new();
    private readonly PageScratch _scratch = new();
    private readonly ICompressor _compressor;
    private readonly List<RowGroup> _rowGroups = [];
    // Parallel options by the number of columns encoded at once; null when columns are always encoded one by one.
    private readonly ParallelOptions[]? _parallel;
    private long _position;
    private long _rowGroupRows;
    private long _totalRows;
    private bool _started;
    private bool _closed;
    private ParquetFileMetrics? _metrics;

    /// <summary>Creates a writer of <paramref name="fields"/> over <paramref name="output"/>.</summary>
    public ParquetFileWriter(Stream output, IReadOnlyList<ColumnField> fields, ParquetWriterOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(fields);
        if (!output.CanWrite)
        {
            throw new ArgumentException("the output stream is not writable", nameof(output));
        }

        _options = options ?? new ParquetWriterOptions();
        _options.Validate();
        _output = output;
        _leaveOpen = leaveOpen;
        Fields = [.. fields];
        Schema = ParquetSchema.FromFields(Fields);
        _leaves = LeafColumn.Flatten(Fields);
        CheckLeavesMatchSchema();
        _compressor = _options.CompressionLevel is null ? Compressors.Get(_options.Codec) : Compressors.Create(_options.Codec, _options.CompressionLevel);
        // Columns encoded in parallel each build their pages in scratch buffers of their own.
        _parallel = _options.EncodingParallelism > 1 && _leaves.Count > 1
            ? [.. Enumerable.Range(0, _options.EncodingParallelism + 1).Select(degree => new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, degree) })]
            : null;
        _columns = [.. _leaves.Select(leaf => new ColumnChunkWriter(leaf, _options, _compressor, _parallel is null ? _scratch : new PageScratch()))];
        _stripes = [.. _leaves.Select(_ => new LeafStripe())];
    }

    /// <summary>Creates (or overwrites) the file at <paramref name="path"/>.</summary>
    public static ParquetFileWriter Create(string path, IReadOnlyList<ColumnField> fields, ParquetWriterOptions? options = null)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        return new ParquetFileWriter(stream, fields, options);
    }

    /// <summary>The columns written.</summary>
    public IReadOnlyList<ColumnField> Fields { get; }

    /// <summary>The Parquet schema the file gets.</summary>
    public ParquetSchema Schema { get; }

    /// <summary>Rows accepted so far.</summary>
    public long RowCount => _totalRows;

    /// <summary>
    /// Bytes of the row group still in memory: its encoded (compressed) pages and dictionaries, and the open pages'
    /// values as they stand. Added to the bytes already written, it estimates the file's size.
    /// </summary>
    public long BufferedBytes => EstimatedRowGroupSize();

    /// <summary>The footer written by <see cref="CloseAsync"/>; null before.</summary>
    public FileMetaData? FileMetaData { get; private set; }

    /// <summary>The file's metrics; available after <see cref="CloseAsync"/>.</summary>
    public ParquetFileMetrics Metrics => _metrics ?? throw new InvalidOperationException("metrics are known once the writer is closed");

    /// <summary>Adds the rows of <paramref name="batch"/>.</summary>
    public void WriteBatch(ColumnBatch batch) => WriteBatchCore(batch, async: false, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <summary>Adds the rows of <paramref name="batch"/>; writes a row group out when it is full.</summary>
    public ValueTask WriteBatchAsync(ColumnBatch batch, CancellationToken cancellationToken = default) =>
        WriteBatchCore(batch, async: true, cancellationToken);

    /// <summary>
    /// Adds the rows of <paramref name="batch"/> that <paramref name="rows"/> lists, in that order (a selection: the
    /// values are gathered straight into the pages instead of being copied into a new batch first).
    /// </summary>
    public ValueTask WriteBatchAsync(ColumnBatch batch, ReadOnlyMemory<int> rows, CancellationToken cancellationToken = default) =>
        WriteBatchCore(batch, async: true, cancellationToken, rows);

    /// <summary>Writes the last row group and the footer.</summary>
    public void Close() => CloseCore(async: false, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <summary>Writes the last row group and the footer; returns the file's metrics.</summary>
    public async ValueTask<ParquetFileMetrics> CloseAsync(CancellationToken cancellationToken = default)
    {
        await CloseCore(async: true, cancellationToken).ConfigureAwait(false);
        return Metrics;
    }

    public void Dispose()
    {
        if (!_closed)
        {
            ReleaseBuffers();
            _closed = true;
        }

        if (!_leaveOpen)
        {
            _output.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_closed)
        {
            ReleaseBuffers();
            _closed = true;
        }

        if (!_leaveOpen)
        {
            await _output.DisposeAsync().ConfigureAwait(false);
        }
    }

    // selection: the rows to write, in order; null for all of them.
    private async ValueTask WriteBatchCore(ColumnBatch batch, bool async, CancellationToken cancellationToken, ReadOnlyMemory<int>? selection = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_closed, this);
        CheckFields(batch);
        batch.Validate();
        if (selection.HasValue)
        {
            CheckSelection(selection.Value.Span, batch.RowCount);
        }

        await StartAsync(async, cancellationToken).ConfigureAwait(false);
        int rows = selection?.Length ?? batch.RowCount;
        if (rows == 0)
        {
            return;
        }

        // Nested columns are striped from a gathered copy; flat ones read the selected rows in place.
        ColumnVector?[]? gathered = selection is null ? null : new ColumnVector?[Fields.Count];
        try
        {
            for (int i = 0; i < _leaves.Count; i++)
            {
                LeafColumn leaf = _leaves[i];
                ColumnField field = Fields[leaf.TopLevelIndex];
                ColumnVector column = batch.Column(leaf.TopLevelIndex);
                if (selection is not { } selected)
                {
                    _striper.Stripe(field, column, leaf.OrdinalPath, _stripes[i]);
                }
                else if (!field.Type.IsNested)
                {
                    LevelStriper.StripeFlatSelected(field, column, selected.Span, _stripes[i]);
                }
                else
                {
                    ColumnVector copy = gathered![leaf.TopLevelIndex] ??= ColumnGather.Take(column, selected.Span);
                    _striper.Stripe(field, copy, leaf.OrdinalPath, _stripes[i]);
                }

                StripeUtf8Check.Check(leaf, _stripes[i]);
                _columns[i].Begin(_stripes[i]);
            }

            await AppendStripedAsync(rows, async, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (ColumnVector? copy in gathered ?? [])
            {
                copy?.Dispose();
            }
        }
    }

    private static void CheckSelection(ReadOnlySpan<int> rows, int rowCount)
    {
        foreach (int row in rows)
        {
            if ((uint)row >= (uint)rowCount)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), row, $"A selected row must lie in the batch's {rowCount} rows.");
            }
        }
    }

    private async ValueTask AppendStripedAsync(int rows, bool async, CancellationToken cancellationToken)
    {
        try
        {
            // Feed every column the same records step by step so a row group can end inside a large batch.
            int step = Math.Max(1, Math.Min(_options.PageRowLimit, 16_384));
            for (int done = 0; done < rows;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int take = Math.Min(step, rows - done);
                ForEachColumn(column => column.AppendRecords(take));

                done += take;
                _rowGroupRows += take;
                _totalRows += take;
                if (EstimatedRowGroupSize() >= _options.RowGroupSizeBytes)
                {
                    await FlushRowGroupAsync(async, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            // The stripes are only read during this batch; their buffers go back to the pool, where the next batch
            // (of this file or another file open at the same time) takes them again.
            foreach (LeafStripe stripe in _stripes)
            {
                stripe.Release();
            }
        }
    }

    private async ValueTask CloseCore(bool async, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        await StartAsync(async, cancellationToken).ConfigureAwait(false);
        if (_rowGroupRows > 0)
        {
            await FlushRowGroupAsync(async, cancellationToken).ConfigureAwait(false);
        }

        FileMetaData footer = BuildFooter();
        using var buffer = new PooledBuffer(16 * 1024);
        footer.Write(new ThriftCompactWriter(buffer));
        int footerLength = buffer.WrittenCount;
        Span<byte> tail = buffer.GetSpan(8);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(tail, footerLength);
        s_magic.CopyTo(tail[4..]);
        buffer.Advance(8);
        await WriteAsync(buffer.WrittenMemory, async, cancellationToken).ConfigureAwait(false);
        if (async)
        {
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _output.Flush();
        }

        FileMetaData = footer;
        _metrics = BuildMetrics();
        ReleaseBuffers();
        _closed = true;
    }

    private async ValueTask StartAsync(bool async, CancellationToken cancellationToken)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        await WriteAsync(s_magic, async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask FlushRowGroupAsync(bool async, CancellationToken cancellationToken)
    {
        long start = _position;
        ForEachColumn(column => column.Seal());
        var chunks = new List<ColumnChunk>(_columns.Length);
        long uncompressed = 0;
        foreach (ColumnChunkWriter column in _columns)
        {
            ColumnChunk chunk = column.FinishChunk(_position, out ReadOnlyMemory<byte> dictionaryPage, out ReadOnlyMemory<byte> dataPages);
            await WriteAsync(dictionaryPage, async, cancellationToken).ConfigureAwait(false);
            await WriteAsync(dataPages, async, cancellationToken).ConfigureAwait(false);
            uncompressed += column.LastChunkUncompressedSize;
            column.ResetChunk();
            chunks.Add(chunk);
        }

        _rowGroups.Add(new RowGroup
        {
            Columns = chunks,
            NumRows = _rowGroupRows,
            TotalByteSize = uncompressed,
            FileOffset = start,
            TotalCompressedSize = _position - start,
            Ordinal = checked((short)_rowGroups.Count),
        });
        _rowGroupRows = 0;
    }

    /// <summary>Runs <paramref name="action"/> on every column, in parallel when the options allow; columns share no state.</summary>
    private void ForEachColumn(Action<ColumnChunkWriter> action)
    {
        if (_parallel is null)
        {
            foreach (ColumnChunkWriter column in _columns)
            {
                action(column);
            }

            return;
        }

        // Threads beyond the caller's own, held only while these columns are encoded.
        int wanted = Math.Min(_options.EncodingParallelism, _columns.Length) - 1;
        int helpers = _options.EncodingThreads?.Borrow(wanted) ?? wanted;
        try
        {
            if (helpers == 0)
            {
                foreach (ColumnChunkWriter column in _columns)
                {
                    action(column);
                }
            }
            else
            {
                Parallel.ForEach(_columns, _parallel[helpers + 1], action);
            }
        }
        finally
        {
            _options.EncodingThreads?.Return(helpers);
        }
    }

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, bool async, CancellationToken cancellationToken)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        if (async)
        {
            await _output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _output.Write(bytes.Span);
        }

        _position += bytes.Length;
    }

    private long EstimatedRowGroupSize()
    {
        long total = 0;
        foreach (ColumnChunkWriter column in _columns)
        {
            total += column.EstimatedSize;
        }

        return total;
    }

    private FileMetaData BuildFooter() => new()
    {
        Version = 1,
        Schema = [.. Schema.Elements],
        NumRows = _totalRows,
        RowGroups = _rowGroups,
        KeyValueMetadata = _options.KeyValueMetadata.Count == 0
            ? null
            : [.. _options.KeyValueMetadata.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new KeyValue(kv.Key, kv.Value))],
        CreatedBy = _options.CreatedBy,
        ColumnOrders = [.. _leaves.Select(_ => new ColumnOrder(ColumnOrderKind.TypeDefinedOrder))],
    };

    private ParquetFileMetrics BuildMetrics()
    {
        var columns = new List<ParquetColumnMetrics>(_columns.Length);
        foreach (ColumnChunkWriter column in _columns)
        {
            LeafColumn leaf = column.Leaf;
            StatisticsAccumulator statistics = column.FileStatistics;
            bool floating = leaf.ValueKind is ValueKind.Float or ValueKind.Double;
            columns.Add(new ParquetColumnMetrics
            {
                Path = leaf.Path,
                FieldId = leaf.Field.FieldId,
                Type = leaf.Field.Type,
                PhysicalType = leaf.PhysicalType,
                IsRepeated = leaf.MaxRepetitionLevel > 0,
                CompressedSize = column.FileCompressedSize,
                ValueCount = column.FileValueCount,
                NullCount = statistics.NullCount,
                NanCount = floating ? statistics.NanCount : null,
                LowerBound = statistics.HasBounds ? statistics.MinBytes() : null,
                UpperBound = statistics.HasBounds ? statistics.MaxBytes() : null,
            });
        }

        return new ParquetFileMetrics
        {
            RecordCount = _totalRows,
            FileSize = _position,
            SplitOffsets = [.. _rowGroups.Select(group => group.FileOffset ?? 0)],
            Columns = columns,
        };
    }

    private void CheckFields(ColumnBatch batch)
    {
        if (batch.Fields.Count != Fields.Count)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"batch has {batch.Fields.Count} columns but the file has {Fields.Count}");
        }

        for (int i = 0; i < Fields.Count; i++)
        {
            if (!batch.Fields[i].Type.Equals(Fields[i].Type) || batch.Fields[i].Name != Fields[i].Name)
            {
                throw new FloeException(
                    FloeErrorKind.InvalidArgument,
                    $"batch column {i} is {batch.Fields[i]} but the file's column is {Fields[i]}");
            }
        }
    }

    private void CheckLeavesMatchSchema()
    {
        IReadOnlyList<ColumnDescriptor> columns = Schema.Columns;
        bool same = columns.Count == _leaves.Count;
        for (int i = 0; same && i < columns.Count; i++)
        {
            LeafColumn leaf = _leaves[i];
            ColumnDescriptor column = columns[i];
            same = column.PhysicalType == leaf.PhysicalType
                && column.MaxDefinitionLevel == leaf.MaxDefinitionLevel
                && column.MaxRepetitionLevel == leaf.MaxRepetitionLevel
                && column.Path.SequenceEqual(leaf.Path)
                && (leaf.PhysicalType != PhysicalType.FixedLenByteArray || column.TypeLength == leaf.TypeLength);
        }

        if (!same)
        {
            throw new FloeException(
                FloeErrorKind.Unexpected,
                $"the Parquet schema built for {string.Join(", ", Fields)} does not match the writer's leaf columns");
        }
    }

    private void ReleaseBuffers()
    {
        foreach (ColumnChunkWriter column in _columns)
        {
            column.Dispose();
        }

        foreach (LeafStripe stripe in _stripes)
        {
            stripe.Dispose();
        }

        _striper.Dispose();
        _scratch.Dispose();
        if (_parallel is not null)
        {
            foreach (ColumnChunkWriter column in _columns)
            {
                column.Scratch.Dispose();
            }
        }
    }
}
