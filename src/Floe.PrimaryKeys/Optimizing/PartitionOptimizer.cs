using System.Buffers;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Schemas;
using Floe.PrimaryKeys.ChangeData;
using Floe.PrimaryKeys.Model;
using Floe.PrimaryKeys.Reading;
using Floe.PrimaryKeys.Writing;
using Floe.Table.Data.Columns;
using Floe.Table.Data.Deletes;
using Floe.Table.Data.Writing;
using Floe.Table.Scanning;

namespace Floe.PrimaryKeys.Optimizing;

/// <summary>
/// Runs one <see cref="MergeWork"/>: merges a partition's (or some bucket nodes') pending change rows into its base
/// files (with <see cref="MergeWork.Nodes"/>, only the change rows of keys in those nodes). Pass 1 reads the keys and
/// order columns of the change rows after the optimized point into a <see cref="KeyVersionMap"/> (the newest change per key). Then each base file's keys are checked: rows whose key
/// changed get a position delete, or the file is rewritten without them when most of it is deleted (always in full
/// mode and for the work's always-rewritten files). Pass 2 writes the keys' newest rows that keep a row, and the
/// surviving rows of rewritten files, into new base files per bucket node. Memory holds the changed keys, not rows.
/// </summary>
internal sealed class PartitionOptimizer
{
    private readonly MergeWork _work;
    private readonly IFileIO _io;
    private readonly FileScanTaskReader _reader;
    private readonly Schema _baseSchema;
    private readonly Schema _changeSchema;
    private readonly int[] _keyIds;
    private readonly BaseLayout _layout;
    private readonly DataWriterConfig _config;
    private readonly IReadOnlyList<ColumnField> _baseFields;
    private readonly string _dataPath;
    private long _transactionId;

    public PartitionOptimizer(IFileIO io, MergeWork work)
    {
        if (!PrimaryKeyTableProperties.IsValidBuckets(work.BaseBuckets))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"The base bucket count must be a power of two from 1 to 65536, got {work.BaseBuckets}.");
        }

        if (work.RewriteRatio is < 0 or > 1 || double.IsNaN(work.RewriteRatio))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"The rewrite ratio must be between 0 and 1, got {work.RewriteRatio}.");
        }

        _work = work;
        _io = io;
        _reader = new FileScanTaskReader(io);
        _baseSchema = work.Schema;
        _changeSchema = PrimaryKeyColumns.ChangeSchema(work.Schema);
        _keyIds = [.. work.KeyFieldIds];
        foreach (int id in _keyIds)
        {
            _ = _baseSchema.FindField(id) ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Key field id {id} is not in the schema.");
        }

        if (work.EncodingParallelism < 1)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"A merge needs at least one encoding thread, got {work.EncodingParallelism}.");
        }

        _config = DataWriterConfig.FromProperties(_baseSchema, work.Spec, work.Properties);
        _config = _config with { Parquet = _config.Parquet with { EncodingParallelism = work.EncodingParallelism, EncodingThreads = work.EncodingThreads } };
        if (work.TargetFileSize is long target)
        {
            _config = _config with { TargetFileSizeBytes = target };
        }

        if (work.BaseFileOutsideNodes() is string outside)
        {
            // Its keys' changes would be skipped while the optimized point moves past them.
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Base file {outside} lies outside the nodes the merge covers ({string.Join(", ", work.Nodes!)}).");
        }

        _layout = Layout(work, _config.TargetFileSizeBytes);

        _baseFields = IcebergColumns.ToColumnFields(_baseSchema);
        _dataPath = work.DataPath.TrimEnd('/');
    }

    public async Task<MergeResult> RunAsync(CancellationToken cancellationToken)
    {
        var output = new PartitionOutput();
        try
        {
            await RunAsync(_work, output, cancellationToken).ConfigureAwait(false);
            return output.ToResult();
        }
        catch
        {
            foreach (string path in output.WrittenPaths)
            {
                await _io.DeleteAsync(path, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
    }

    private async Task RunAsync(MergeWork work, PartitionOutput output, CancellationToken cancellationToken)
    {
        output.MaxTransaction = work.OptimizedPoint;
        KeyVersionMap newest = await CollectNewestAsync(work, output, cancellationToken).ConfigureAwait(false);

        // New files carry the highest transaction they merge, as the optimized point does.
        _transactionId = output.MaxTransaction;
        var decisions = await DecideAsync(work, newest, output, cancellationToken).ConfigureAwait(false);

        var writers = new Dictionary<long, ChangeFileWriter>();
        try
        {
            await WriteChangedRowsAsync(work, newest, writers, cancellationToken).ConfigureAwait(false);
            foreach ((MergeFile file, _, bool rewrite) in decisions)
            {
                if (rewrite)
                {
                    await WriteSurvivorsAsync(file, newest, writers, cancellationToken).ConfigureAwait(false);
                    output.RewrittenFiles.Add(file.File);
                }
            }

            foreach (ChangeFileWriter writer in writers.Values)
            {
                foreach (DataFile file in await writer.CloseAsync(cancellationToken).ConfigureAwait(false))
                {
                    output.NewFiles.Add(file);
                    output.NewRows += file.RecordCount;
                }
            }
        }
        catch
        {
            foreach (ChangeFileWriter writer in writers.Values)
            {
                await writer.AbortAsync(CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            foreach (ChangeFileWriter writer in writers.Values)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }
        }

        await WritePositionDeletesAsync(work, decisions, output, cancellationToken).ConfigureAwait(false);
        await CollectObsoleteDeletesAsync(work, output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The nodes new base rows go to. With auto-bucketing on, a full rewrite may split and merge the nodes whose files
    /// it holds, and other merges split the nodes holding more than twice the target size.
    /// </summary>
    private static BaseLayout Layout(MergeWork work, long targetFileSize)
    {
        var files = work.BaseFiles.Select(f => (PrimaryKeyFiles.OfBaseFile(f.File.FilePath).Node, f.File.FileSizeInBytes, f.File.RecordCount)).ToList();
        var mine = work.BaseFiles.Select(f => f.File.FilePath).ToHashSet(StringComparer.Ordinal);
        List<DataTreeNode> others = [.. (work.PartitionBaseFiles ?? []).Where(p => !mine.Contains(p)).Select(p => PrimaryKeyFiles.OfBaseFile(p).Node).Distinct()];
        bool autoBucket = PrimaryKeyTableProperties.AutoBucket(work.Properties);
        if (work.Mode == OptimizeMode.Full && !autoBucket)
        {
            // A full rewrite without auto-bucketing writes every row at the configured bucket count.
            return BaseLayout.Create([], [], work.BaseBuckets, targetFileSize, NodeResizing.None);
        }

        NodeResizing resizing = !autoBucket ? NodeResizing.None : work.Mode == OptimizeMode.Full ? NodeResizing.Full : NodeResizing.SplitOversized;

        // Outside a full rewrite, small subtrees merge only where every file is rewritten anyway.
        List<DataTreeNode> kept = [.. work.BaseFiles.Where(f => !work.RewriteAlways.Contains(f.File.FilePath)).Select(f => PrimaryKeyFiles.OfBaseFile(f.File.FilePath).Node).Distinct()];
        long? newBytes = work.Nodes is null or { Count: 0 } ? work.ChangeFiles.Sum(f => f.File.FileSizeInBytes) : null;
        return BaseLayout.Create(files, others, work.BaseBuckets, targetFileSize, resizing, kept, newBytes);
    }

    private FileScanTask Scan(MergeFile file, Schema schema, Schema projection) =>
        new(file.File, file.DataSequenceNumber, file.Deletes, _work.Spec, schema, projection, Expression.True);

    private async Task<KeyVersionMap> CollectNewestAsync(MergeWork work, PartitionOutput output, CancellationToken cancellationToken)
    {
        var newest = new KeyVersionMap();
        Schema orderRead = SchemaProjection.Project(_changeSchema, [.. _keyIds, PrimaryKeyColumns.TransactionIdFieldId, PrimaryKeyColumns.FileOffsetFieldId, PrimaryKeyColumns.ChangeActionFieldId]);
        using var keys = new KeyEncoder(ChangeDataScan.IndexesOf(orderRead, _keyIds));
        foreach (MergeFile file in work.ChangeFiles)
        {
            output.InputBytes += file.File.FileSizeInBytes;
            FileScanTask task = Scan(file, _changeSchema, orderRead);
            await foreach (ColumnBatch batch in _reader.ReadAsync(task, cancellationToken).ConfigureAwait(false))
            {
                using (batch)
                {
                    int last = batch.Columns.Count - 1;
                    var transactions = (PrimitiveVector<long>)batch.Column(last - 2);
                    var offsets = (PrimitiveVector<long>)batch.Column(last - 1);
                    var actions = (BinaryVector)batch.Column(last);
                    keys.Bind(batch);
                    for (int row = 0; row < batch.RowCount; row++)
                    {
                        long transaction = transactions[row];
                        if (transaction <= work.OptimizedPoint)
                        {
                            continue;
                        }

                        ReadOnlySpan<byte> key = keys.Encode(row, out int hash);
                        if (work.Nodes is { } nodes && !AnyHolds(nodes, hash))
                        {
                            continue;
                        }

                        output.ChangeRows++;
                        output.MaxTransaction = Math.Max(output.MaxTransaction, transaction);
                        byte rank = ChangeActions.Parse(actions.GetBytes(row)).KeepsRow() ? (byte)1 : (byte)0;
                        newest.Put(key, transaction, offsets[row], rank);
                    }
                }
            }
        }

        return newest;
    }

    /// <summary>Whether one of <paramref name="nodes"/> holds <paramref name="hash"/> (a loop: a lambda capturing the row's hash would allocate per row).</summary>
    private static bool AnyHolds(IReadOnlyList<DataTreeNode> nodes, int hash)
    {
        foreach (DataTreeNode node in nodes)
        {
            if (node.Holds(hash))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Per base file: the positions of rows whose key changed, and whether to rewrite the file instead.</summary>
    private async Task<List<(MergeFile File, List<long> Positions, bool Rewrite)>> DecideAsync(
        MergeWork work, KeyVersionMap newest, PartitionOutput output, CancellationToken cancellationToken)
    {
        var decisions = new List<(MergeFile, List<long>, bool)>();
        Schema keyRead = new([.. _keyIds.Select(id => _baseSchema.FindField(id)!), MetadataColumns.RowPosition]);
        using var keys = new KeyEncoder([.. Enumerable.Range(0, _keyIds.Length)]);
        foreach (MergeFile file in work.BaseFiles)
        {
            if (work.Mode == OptimizeMode.Full || work.RewriteAlways.Contains(file.File.FilePath) || IsResized(file))
            {
                output.InputBytes += file.File.FileSizeInBytes;
                decisions.Add((file, [], true));
                continue;
            }

            if (newest.Count == 0)
            {
                continue;
            }

            output.InputBytes += file.File.FileSizeInBytes;
            var positions = new List<long>();
            long live = 0;
            FileScanTask task = Scan(file, _baseSchema, keyRead);
            await foreach (ColumnBatch batch in _reader.ReadAsync(task, cancellationToken).ConfigureAwait(false))
            {
                using (batch)
                {
                    var rowPositions = (PrimitiveVector<long>)batch.Column(_keyIds.Length);
                    keys.Bind(batch);
                    live += batch.RowCount;
                    for (int row = 0; row < batch.RowCount; row++)
                    {
                        if (newest.Contains(keys.Encode(row)))
                        {
                            positions.Add(rowPositions[row]);
                        }
                    }
                }
            }

            if (positions.Count > 0)
            {
                long deletedBefore = file.File.RecordCount - live;
                bool rewrite = deletedBefore + positions.Count >= work.RewriteRatio * file.File.RecordCount;
                decisions.Add((file, positions, rewrite));
            }
        }

        return decisions;
    }

    private bool IsResized(MergeFile file)
    {
        DataTreeNode node = PrimaryKeyFiles.OfBaseFile(file.File.FilePath).Node;
        return _layout.Resized.Any(node.IsSonOf);
    }

    /// <summary>Writes each changed key's newest row, when that change keeps a row (I, UA).</summary>
    private async Task WriteChangedRowsAsync(MergeWork work, KeyVersionMap newest, Dictionary<long, ChangeFileWriter> writers, CancellationToken cancellationToken)
    {
        if (newest.Count == 0)
        {
            return;
        }

        Schema rowRead = SchemaProjection.Project(
            _changeSchema, [.. ChangeDataScan.LeafIds(_baseSchema), PrimaryKeyColumns.TransactionIdFieldId, PrimaryKeyColumns.FileOffsetFieldId, PrimaryKeyColumns.ChangeActionFieldId]);
        int userColumns = _baseSchema.Columns.Count;
        using var keys = new KeyEncoder(ChangeDataScan.IndexesOf(rowRead, _keyIds));
        foreach (MergeFile file in work.ChangeFiles)
        {
            FileScanTask task = Scan(file, _changeSchema, rowRead);
            await foreach (ColumnBatch batch in _reader.ReadAsync(task, cancellationToken).ConfigureAwait(false))
            {
                using (batch)
                {
                    int last = batch.Columns.Count - 1;
                    var transactions = (PrimitiveVector<long>)batch.Column(last - 2);
                    var offsets = (PrimitiveVector<long>)batch.Column(last - 1);
                    var actions = (BinaryVector)batch.Column(last);
                    keys.Bind(batch);
                    int[] kept = ArrayPool<int>.Shared.Rent(Math.Max(1, batch.RowCount));
                    int[] nodes = ArrayPool<int>.Shared.Rent(Math.Max(1, batch.RowCount));
                    try
                    {
                        int count = 0;
                        for (int row = 0; row < batch.RowCount; row++)
                        {
                            long transaction = transactions[row];
                            if (transaction <= work.OptimizedPoint || !ChangeActions.Parse(actions.GetBytes(row)).KeepsRow())
                            {
                                continue;
                            }

                            ReadOnlySpan<byte> key = keys.Encode(row, out int hash);
                            if (newest.TryGet(key, out long t, out long o, out byte r) && t == transaction && o == offsets[row] && r == 1)
                            {
                                nodes[count] = _layout.NodeIdOf(hash);
                                kept[count++] = row;
                            }
                        }

                        await RouteAsync(batch, userColumns, kept, nodes, count, writers, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        ArrayPool<int>.Shared.Return(kept);
                        ArrayPool<int>.Shared.Return(nodes);
                    }
                }
            }
        }
    }

    /// <summary>Writes the rows of a base file that is rewritten: those not deleted before and whose key did not change.</summary>
    private async Task WriteSurvivorsAsync(MergeFile file, KeyVersionMap newest, Dictionary<long, ChangeFileWriter> writers, CancellationToken cancellationToken)
    {
        using var keys = new KeyEncoder(ChangeDataScan.IndexesOf(_baseSchema, _keyIds));
        FileScanTask task = Scan(file, _baseSchema, _baseSchema);
        await foreach (ColumnBatch batch in _reader.ReadAsync(task, cancellationToken).ConfigureAwait(false))
        {
            using (batch)
            {
                keys.Bind(batch);
                int[] kept = ArrayPool<int>.Shared.Rent(Math.Max(1, batch.RowCount));
                int[] nodes = ArrayPool<int>.Shared.Rent(Math.Max(1, batch.RowCount));
                try
                {
                    int count = 0;
                    for (int row = 0; row < batch.RowCount; row++)
                    {
                        ReadOnlySpan<byte> key = keys.Encode(row, out int hash);
                        if (!newest.Contains(key))
                        {
                            nodes[count] = _layout.NodeIdOf(hash);
                            kept[count++] = row;
                        }
                    }

                    await RouteAsync(batch, batch.Columns.Count, kept, nodes, count, writers, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<int>.Shared.Return(kept);
                    ArrayPool<int>.Shared.Return(nodes);
                }
            }
        }
    }

    /// <summary>Appends the kept rows (the first <paramref name="userColumns"/> columns) to the writer of each row's node.</summary>
    private async Task RouteAsync(
        ColumnBatch batch, int userColumns, int[] kept, int[] nodes, int count, Dictionary<long, ChangeFileWriter> writers, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return;
        }

        // Group the kept rows by node, each node's rows in batch order: one sort of (node, row) packed into a long.
        // A view over the user columns (owned by the batch) is written with each node's rows as a selection.
        var userRows = new ColumnBatch(_baseFields, [.. batch.Columns.Take(userColumns)]);
        SortByNodeThenRow(nodes, kept, count);
        int start = 0;
        while (start < count)
        {
            int node = nodes[start];
            int end = start;
            while (end < count && nodes[end] == node)
            {
                end++;
            }

            await WriterFor(node, writers).WriteAsync(userRows, kept.AsMemory(start, end - start), cancellationToken).ConfigureAwait(false);
            start = end;
        }
    }

    /// <summary>Orders the first <paramref name="count"/> (node, row) pairs by node, then row.</summary>
    private static void SortByNodeThenRow(int[] nodes, int[] rows, int count)
    {
        bool oneNode = true;
        for (int i = 1; i < count && oneNode; i++)
        {
            oneNode = nodes[i] == nodes[0];
        }

        if (oneNode)
        {
            // The rows were kept in batch order.
            return;
        }

        long[] packed = ArrayPool<long>.Shared.Rent(count);
        try
        {
            for (int i = 0; i < count; i++)
            {
                packed[i] = ((long)nodes[i] << 32) | (uint)rows[i];
            }

            Array.Sort(packed, 0, count);
            for (int i = 0; i < count; i++)
            {
                nodes[i] = (int)(packed[i] >> 32);
                rows[i] = (int)packed[i];
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(packed);
        }
    }

    private ChangeFileWriter WriterFor(long nodeId, Dictionary<long, ChangeFileWriter> writers)
    {
        if (!writers.TryGetValue(nodeId, out ChangeFileWriter? writer))
        {
            var name = new PrimaryKeyFileName(DataTreeNode.OfId(nodeId), PrimaryKeyFileKind.Base, _transactionId, _work.PartitionOrdinal, _work.TaskId, _work.OperationId, 0);
            writer = new ChangeFileWriter(_io, _config, _dataPath, _work.Partition, name);
            writers.Add(nodeId, writer);
        }

        return writer;
    }

    /// <summary>One position delete file per bucket node of the files whose changed rows are deleted in place.</summary>
    private async Task WritePositionDeletesAsync(
        MergeWork work, List<(MergeFile File, List<long> Positions, bool Rewrite)> decisions, PartitionOutput output, CancellationToken cancellationToken)
    {
        foreach (var group in decisions.Where(d => !d.Rewrite && d.Positions.Count > 0).GroupBy(d => PrimaryKeyFiles.OfBaseFile(d.File.File.FilePath).Node))
        {
            var name = new PrimaryKeyFileName(group.Key, PrimaryKeyFileKind.PositionDelete, _transactionId, work.PartitionOrdinal, work.TaskId, work.OperationId, 1);
            string folder = _config.Spec.Fields.Count == 0 ? _dataPath : $"{_dataPath}/{_config.Spec.PartitionPath(work.Partition)}";
            string location = $"{folder}/{name.Format()}";
            Stream stream = await _io.NewOutputFile(location).CreateAsync(cancellationToken).ConfigureAwait(false);
            var writer = new PositionDeleteWriter(stream, location, _config.Spec, work.Partition);
            await using (writer.ConfigureAwait(false))
            {
                foreach ((MergeFile file, List<long> positions, _) in group)
                {
                    foreach (long position in positions)
                    {
                        writer.Delete(file.File.FilePath, position);
                    }

                    output.DeleteTargets.Add(file.File.FilePath);
                    output.DeletedRows += positions.Count;
                }

                try
                {
                    output.PositionDeletes.Add(await writer.CloseAsync(cancellationToken).ConfigureAwait(false));
                }
                catch
                {
                    await _io.DeleteAsync(location, CancellationToken.None).ConfigureAwait(false);
                    throw;
                }
            }
        }
    }

    /// <summary>Position delete files whose every target was rewritten (or is no longer a live data file) go too.</summary>
    private async Task CollectObsoleteDeletesAsync(MergeWork work, PartitionOutput output, CancellationToken cancellationToken)
    {
        if (output.RewrittenFiles.Count == 0)
        {
            return;
        }

        var rewritten = output.RewrittenFiles.Select(f => f.FilePath).ToHashSet(StringComparer.Ordinal);
        var live = (work.PartitionBaseFiles ?? [.. work.BaseFiles.Select(f => f.File.FilePath)]).ToHashSet(StringComparer.Ordinal);
        var candidates = work.BaseFiles.Where(f => rewritten.Contains(f.File.FilePath))
            .SelectMany(f => f.Deletes)
            .Where(d => d.Content == FileContent.PositionDeletes)
            .DistinctBy(d => d.FilePath, StringComparer.Ordinal);
        foreach (DeleteFile deletes in candidates)
        {
            IEnumerable<string> targets;
            if (deletes.ReferencedDataFile is string referenced)
            {
                targets = [referenced];
            }
            else
            {
                Stream stream = await _io.NewInputFile(deletes.FilePath).OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    targets = (await PositionDeleteReader.ReadAsync(stream, deletes.FilePath, cancellationToken: cancellationToken).ConfigureAwait(false)).Keys;
                }
            }

            if (targets.All(t => rewritten.Contains(t) || !live.Contains(t)))
            {
                output.RemovedDeletes.Add(deletes);
            }
        }
    }
}
