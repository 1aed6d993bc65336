using System.Buffers;
using Floe.Common.Columnar;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Values;

namespace Floe.Table.Data.Writing;

/// <summary>
/// Writes rows of any partitions in any order: each row's partition tuple is computed through the spec's
/// transforms, rows are grouped per partition, and every partition has its own open <see cref="RollingDataWriter"/>
/// (one open file per partition, rolled at the target size). An unpartitioned spec writes batches straight through.
/// </summary>
public sealed class PartitionedFanoutWriter : IAsyncDisposable
{
    private readonly IFileIO _io;
    private readonly DataWriterConfig _config;
    private readonly DataLocations _locations;
    private readonly PartitionKeys _keys;
    private readonly List<PartitionData> _partitions = [];
    private readonly Dictionary<PartitionData, int> _indexOf = [];
    private readonly List<RollingDataWriter> _writers = [];

    public PartitionedFanoutWriter(IFileIO io, DataWriterConfig config, DataLocations locations)
    {
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(locations);
        _io = io;
        _config = config;
        _locations = locations;
        _keys = new PartitionKeys(config.Schema, config.Spec);
    }

    /// <summary>Partitions seen so far.</summary>
    public IReadOnlyList<PartitionData> Partitions => _partitions;

    /// <summary>Adds the rows of <paramref name="batch"/>, each to its partition's file.</summary>
    public async ValueTask WriteAsync(ColumnBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int rows = batch.RowCount;
        if (rows == 0)
        {
            return;
        }

        int[] groupOfRow = ArrayPool<int>.Shared.Rent(rows);
        try
        {
            _keys.Assign(batch, groupOfRow.AsSpan(0, rows), _partitions, _indexOf);
            while (_writers.Count < _partitions.Count)
            {
                _writers.Add(new RollingDataWriter(_io, _config, _locations, _partitions[_writers.Count]));
            }

            int first = groupOfRow[0];
            if (!groupOfRow.AsSpan(1, rows - 1).ContainsAnyExcept(first))
            {
                await _writers[first].WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                return;
            }

            await WriteGroupsAsync(batch, groupOfRow.AsMemory(0, rows), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(groupOfRow);
        }
    }

    /// <summary>Finishes every open file and returns all files written, partition by partition.</summary>
    public async ValueTask<IReadOnlyList<DataFile>> CloseAsync(CancellationToken cancellationToken = default)
    {
        var files = new List<DataFile>();
        foreach (RollingDataWriter writer in _writers)
        {
            files.AddRange(await writer.CloseAsync(cancellationToken).ConfigureAwait(false));
        }

        return files;
    }

    /// <summary>Deletes every file written so far.</summary>
    public async ValueTask AbortAsync(CancellationToken cancellationToken = default)
    {
        foreach (RollingDataWriter writer in _writers)
        {
            await writer.AbortAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (RollingDataWriter writer in _writers)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask WriteGroupsAsync(ColumnBatch batch, ReadOnlyMemory<int> groupOfRow, CancellationToken cancellationToken)
    {
        // Row lists per group, built in one pass; then one gathered batch per group.
        var rowsByGroup = new Dictionary<int, PooledIndexList>();
        try
        {
            ReadOnlySpan<int> groups = groupOfRow.Span;
            for (int row = 0; row < groups.Length; row++)
            {
                if (!rowsByGroup.TryGetValue(groups[row], out PooledIndexList? list))
                {
                    list = new PooledIndexList();
                    rowsByGroup.Add(groups[row], list);
                }

                list.Add(row);
            }

            foreach ((int group, PooledIndexList rows) in rowsByGroup)
            {
                using ColumnBatch part = ColumnBatch.Create(batch.Fields, rows.Count);
                for (int c = 0; c < batch.Columns.Count; c++)
                {
                    ColumnGather.Append(batch.Column(c), rows.Span, part.Column(c));
                }

                await _writers[group].WriteAsync(part, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (PooledIndexList list in rowsByGroup.Values)
            {
                list.Dispose();
            }
        }
    }
}
