using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Values;
using Floe.Parquet.Writing;
using Floe.Table.Data.Metrics;
using Floe.Table.Data.Writing;

namespace Floe.Table.Data.Deletes;

/// <summary>
/// Writes a position delete file (<c>file_path</c>, <c>pos</c>). Deletes may arrive in any order: they are kept
/// in memory and written sorted by path then position on close, as the spec requires. Bounds are exact, and a file
/// whose deletes all target one data file names it in <c>referenced_data_file</c>.
/// </summary>
public sealed class PositionDeleteWriter : IAsyncDisposable
{
    private const int BatchRows = 64 * 1024;

    private readonly ParquetContentWriter _writer;
    private readonly PartitionSpec _spec;
    private readonly PartitionData _partition;
    private readonly List<(string Path, long Position)> _deletes = [];
    private DeleteFile? _result;

    public PositionDeleteWriter(
        Stream output, string location, PartitionSpec? spec = null, PartitionData? partition = null,
        ParquetWriterOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(location);
        Location = location;
        _spec = spec ?? PartitionSpec.Unpartitioned;
        _partition = partition ?? PartitionData.Empty;
        _writer = new ParquetContentWriter(output, MetadataColumns.PositionDeleteSchema, MetricsConfig.Full, options ?? new ParquetWriterOptions(), leaveOpen);
    }

    /// <summary>Where the file is written.</summary>
    public string Location { get; }

    /// <summary>Deletes added so far.</summary>
    public int Count => _deletes.Count;

    /// <summary>Marks row <paramref name="position"/> (0-based) of the data file at <paramref name="dataFilePath"/> deleted.</summary>
    public void Delete(string dataFilePath, long position)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataFilePath);
        ObjectDisposedException.ThrowIf(_result is not null, this);
        if (position < 0)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"row position {position} of {dataFilePath} is negative");
        }

        _deletes.Add((dataFilePath, position));
    }

    /// <summary>Writes the sorted deletes and describes the file.</summary>
    public async ValueTask<DeleteFile> CloseAsync(CancellationToken cancellationToken = default)
    {
        if (_result is not null)
        {
            return _result;
        }

        _deletes.Sort(static (a, b) =>
        {
            int byPath = string.CompareOrdinal(a.Path, b.Path);
            return byPath != 0 ? byPath : a.Position.CompareTo(b.Position);
        });
        using ColumnBatch batch = ColumnBatch.Create(_writer.Fields, Math.Min(BatchRows, Math.Max(1, _deletes.Count)));
        var paths = (BinaryVector)batch.Column(0);
        var positions = (PrimitiveVector<long>)batch.Column(1);
        for (int i = 0; i < _deletes.Count; i++)
        {
            paths.Append(_deletes[i].Path);
            positions.Append(_deletes[i].Position);
            if (batch.RowCount == BatchRows || i == _deletes.Count - 1)
            {
                await _writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Reset();
            }
        }

        FileMetrics metrics = await _writer.CloseAsync(cancellationToken).ConfigureAwait(false);
        string? referenced = _deletes.Count > 0 && _deletes[0].Path == _deletes[^1].Path ? _deletes[0].Path : null;
        _result = DeleteFiles.Describe(FileContent.PositionDeletes, Location, _spec, _partition, metrics, referencedDataFile: referenced);
        return _result;
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
