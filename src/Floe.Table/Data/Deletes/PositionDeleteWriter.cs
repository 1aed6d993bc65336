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
/// in memory, grouped by data file, and written sorted by path then position on close, as the spec requires. Bounds
/// are exact, and a file whose deletes all target one data file names it in <c>referenced_data_file</c>.
/// </summary>
public sealed class PositionDeleteWriter : IAsyncDisposable
{
    private const int BatchRows = 64 * 1024;

    private readonly ParquetContentWriter _writer;
    private readonly PartitionSpec _spec;
    private readonly PartitionData _partition;
    // Positions per data file: sorting plain longs per file (usually already in order) costs far less than sorting
    // (path, position) pairs, and each path is encoded once.
    private readonly Dictionary<string, List<long>> _deletes = new(StringComparer.Ordinal);
    private List<long>? _last;
    private string? _lastPath;
    private int _count;
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
    public int Count => _count;

    /// <summary>Marks row <paramref name="position"/> (0-based) of the data file at <paramref name="dataFilePath"/> deleted.</summary>
    public void Delete(string dataFilePath, long position)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataFilePath);
        ObjectDisposedException.ThrowIf(_result is not null, this);
        if (position < 0)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"row position {position} of {dataFilePath} is negative");
        }

        if (!ReferenceEquals(dataFilePath, _lastPath))
        {
            if (!_deletes.TryGetValue(dataFilePath, out _last))
            {
                _last = [];
                _deletes.Add(dataFilePath, _last);
            }

            _lastPath = dataFilePath;
        }

        _last!.Add(position);
        _count++;
    }

    /// <summary>Writes the sorted deletes and describes the file.</summary>
    public async ValueTask<DeleteFile> CloseAsync(CancellationToken cancellationToken = default)
    {
        if (_result is not null)
        {
            return _result;
        }

        string[] paths = [.. _deletes.Keys];
        Array.Sort(paths, StringComparer.Ordinal);
        using ColumnBatch batch = ColumnBatch.Create(_writer.Fields, Math.Min(BatchRows, Math.Max(1, _count)));
        var pathColumn = (BinaryVector)batch.Column(0);
        var positionColumn = (PrimitiveVector<long>)batch.Column(1);
        foreach (string path in paths)
        {
            List<long> positions = _deletes[path];
            if (!IsSorted(positions))
            {
                positions.Sort();
            }

            byte[] pathBytes = System.Text.Encoding.UTF8.GetBytes(path);
            foreach (long position in positions)
            {
                pathColumn.Append(pathBytes);
                positionColumn.Append(position);
                if (batch.RowCount == BatchRows)
                {
                    await _writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                    batch.Reset();
                }
            }
        }

        if (batch.RowCount > 0)
        {
            await _writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        FileMetrics metrics = await _writer.CloseAsync(cancellationToken).ConfigureAwait(false);
        string? referenced = paths.Length == 1 ? paths[0] : null;
        _result = DeleteFiles.Describe(FileContent.PositionDeletes, Location, _spec, _partition, metrics, referencedDataFile: referenced);
        return _result;
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private static bool IsSorted(List<long> positions)
    {
        for (int i = 1; i < positions.Count; i++)
        {
            if (positions[i] < positions[i - 1])
            {
                return false;
            }
        }

        return true;
    }
}
