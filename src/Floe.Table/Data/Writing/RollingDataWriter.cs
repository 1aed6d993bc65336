using Floe.Common.Columnar;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Values;

namespace Floe.Table.Data.Writing;

/// <summary>
/// Writes the rows of one partition into as many data files as needed: a new file starts once the current one's
/// estimated size reaches <see cref="DataWriterConfig.TargetFileSizeBytes"/>. Batches much larger than the target
/// are split so files stay near it.
/// </summary>
public sealed class RollingDataWriter : IAsyncDisposable
{
    private readonly IFileIO _io;
    private readonly DataWriterConfig _config;
    private readonly DataLocations _locations;
    private readonly List<DataFile> _completed = [];
    private DataFileWriter? _current;
    private Stream? _currentStream;
    private bool _closed;

    public RollingDataWriter(IFileIO io, DataWriterConfig config, DataLocations locations, PartitionData? partition = null)
    {
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(locations);
        _io = io;
        _config = config;
        _locations = locations;
        Partition = partition ?? PartitionData.Empty;
    }

    /// <summary>The partition of every row written.</summary>
    public PartitionData Partition { get; }

    /// <summary>Files finished so far.</summary>
    public IReadOnlyList<DataFile> CompletedFiles => _completed;

    /// <summary>Adds the rows of <paramref name="batch"/>.</summary>
    public async ValueTask WriteAsync(ColumnBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_closed, this);
        int rows = batch.RowCount;
        if (rows == 0)
        {
            return;
        }

        // Split batches over a quarter of the target so a file overshoots the target by at most that much.
        long raw = BatchSize.Estimate(batch);
        long slice = Math.Max(1, _config.TargetFileSizeBytes / 4);
        if (raw <= slice)
        {
            await WriteSliceAsync(batch, cancellationToken).ConfigureAwait(false);
            return;
        }

        int rowsPerSlice = (int)Math.Max(1, rows * slice / raw);
        for (int offset = 0; offset < rows; offset += rowsPerSlice)
        {
            int count = Math.Min(rowsPerSlice, rows - offset);
            using ColumnBatch part = ColumnBatch.Create(batch.Fields, count);
            for (int c = 0; c < batch.Columns.Count; c++)
            {
                ColumnGather.AppendRange(batch.Column(c), offset, count, part.Column(c));
            }

            await WriteSliceAsync(part, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Adds the rows of <paramref name="batch"/> that <paramref name="rows"/> lists, in that order, without copying
    /// them into a batch of their own first (the surviving rows of a batch read with deletes).
    /// </summary>
    public async ValueTask WriteAsync(ColumnBatch batch, ReadOnlyMemory<int> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_closed, this);
        if (rows.IsEmpty)
        {
            return;
        }

        // The selection's share of the batch's raw size, split like a whole batch.
        long raw = BatchSize.Estimate(batch) * rows.Length / Math.Max(1, batch.RowCount);
        long slice = Math.Max(1, _config.TargetFileSizeBytes / 4);
        int rowsPerSlice = raw <= slice ? rows.Length : (int)Math.Max(1, rows.Length * slice / raw);
        for (int offset = 0; offset < rows.Length; offset += rowsPerSlice)
        {
            ReadOnlyMemory<int> part = rows.Slice(offset, Math.Min(rowsPerSlice, rows.Length - offset));
            DataFileWriter writer = await CurrentAsync(cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(batch, part, cancellationToken).ConfigureAwait(false);
            await RollIfFullAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Finishes the open file and returns every file written.</summary>
    public async ValueTask<IReadOnlyList<DataFile>> CloseAsync(CancellationToken cancellationToken = default)
    {
        if (!_closed)
        {
            await RollAsync(cancellationToken).ConfigureAwait(false);
            _closed = true;
        }

        return _completed;
    }

    /// <summary>Stops writing and deletes every file written, finished or not (after a failed write or commit).</summary>
    public async ValueTask AbortAsync(CancellationToken cancellationToken = default)
    {
        _closed = true;
        if (_current is not null)
        {
            string location = _current.Location;
            await DiscardCurrentAsync().ConfigureAwait(false);
            if (await _io.ExistsAsync(location, cancellationToken).ConfigureAwait(false))
            {
                await _io.DeleteAsync(location, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (DataFile file in _completed)
        {
            await _io.DeleteAsync(file.FilePath, cancellationToken).ConfigureAwait(false);
        }

        _completed.Clear();
    }

    /// <summary>Releases the open file without finishing it; an unfinished file is not published where possible.</summary>
    public async ValueTask DisposeAsync()
    {
        await DiscardCurrentAsync().ConfigureAwait(false);
        _closed = true;
    }

    private async ValueTask DiscardCurrentAsync()
    {
        if (_current is null)
        {
            return;
        }

        // An atomic output publishes its file on dispose; an unfinished Parquet file must not appear.
        (_currentStream as AtomicFileStream)?.Abort();
        await _current.DisposeAsync().ConfigureAwait(false);
        _current = null;
        _currentStream = null;
    }

    private async ValueTask WriteSliceAsync(ColumnBatch batch, CancellationToken cancellationToken)
    {
        DataFileWriter writer = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        await RollIfFullAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The open file's writer, a new file started if none is open.</summary>
    private async ValueTask<DataFileWriter> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_current is null)
        {
            string location = _locations.NewLocation(_config.Spec, Partition);
            Stream stream = await _io.NewOutputFile(location).CreateAsync(cancellationToken).ConfigureAwait(false);
            _currentStream = stream;
            _current = new DataFileWriter(stream, location, _config, Partition);
        }

        return _current;
    }

    private async ValueTask RollIfFullAsync(CancellationToken cancellationToken)
    {
        if (_current is not null && _current.EstimatedLength >= _config.TargetFileSizeBytes)
        {
            await RollAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask RollAsync(CancellationToken cancellationToken)
    {
        if (_current is null)
        {
            return;
        }

        DataFileWriter writer = _current;
        _current = null;
        _currentStream = null;
        try
        {
            _completed.Add(await writer.CloseAsync(cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }
    }
}
