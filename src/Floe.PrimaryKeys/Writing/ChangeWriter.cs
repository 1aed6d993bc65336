using System.Buffers;
using System.Text;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Properties;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.PrimaryKeys.Model;
using Floe.Parquet.Writing;
using Floe.Table.Data.Columns;
using Floe.Table.Data.Reading;
using Floe.Table.Data.Writing;
using Floe.Table.Operations;

namespace Floe.PrimaryKeys.Writing;

/// <summary>
/// Writes one transaction of changes to a primary-key table's change store. Each call takes a column batch, checks it
/// against the schema, computes every row's partition and bucket node, splits the batch per (partition, node) with
/// index gathers and appends the rows with their transaction id, offset and action to that group's <c>I</c> (inserts,
/// update-afters) or <c>ED</c> (deletes, update-befores) file. A small transaction is held until the commit and
/// written at coarser nodes, down to one <c>I</c> and one <c>ED</c> file per partition (<see cref="ChangeLayout"/>). <see cref="CommitAsync"/> commits all files in one
/// change snapshot whose data sequence number is the transaction id; when another commit lands first the files are
/// rewritten with the new id, so transaction order is commit order. Disposing without committing deletes the files.
/// </summary>
public sealed class ChangeWriter : IAsyncDisposable
{
    private readonly PrimaryKeyTable _table;
    private readonly IFileIO _io;
    private readonly DataWriterConfig _config;
    private DataWriterConfig? _fileConfig;
    private readonly IReadOnlyList<ColumnField> _userFields;
    private readonly IReadOnlyList<ColumnField> _changeFields;
    private readonly PartitionKeys _partitionKeys;
    private readonly List<PartitionData> _partitions = [];
    private readonly Dictionary<PartitionData, int> _partitionIndex = [];
    private readonly Dictionary<(int Partition, long Node, PrimaryKeyFileKind Kind), ChangeFileWriter> _writers = [];
    private readonly KeyEncoder _keys;
    private readonly bool[] _tombstoneKeeps;
    private readonly int _buckets;
    private readonly string _dataPath;
    private readonly string _operationId = Guid.NewGuid().ToString();
    private readonly int _parallelism = Math.Max(1, Environment.ProcessorCount);
    private readonly Task _predecessor;
    private readonly ChangeLayout? _layout;
    private ChangeBuffer? _held;
    private long _nextOffset;
    private long _rowCount;
    private bool _finished;

    internal ChangeWriter(PrimaryKeyTable table)
    {
        _table = table;
        TableMetadata change = table.ChangeTable.Metadata;
        _io = table.ChangeTable.Operations.Io;
        _config = WithChangeColumnEncodings(DataWriterConfig.FromProperties(change.CurrentSchema, change.DefaultSpec, change.Properties), table.PrimaryKey);
        _userFields = IcebergColumns.ToColumnFields(table.Schema);
        _changeFields = IcebergColumns.ToColumnFields(change.CurrentSchema);
        if (_changeFields.Count != _userFields.Count + 3 || !_userFields.SequenceEqual(_changeFields.Take(_userFields.Count)))
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"Table {table.Name}: the change store's columns are not the base store's columns followed by the change columns.");
        }

        _partitionKeys = new PartitionKeys(table.Schema, change.DefaultSpec);
        _keys = new KeyEncoder([.. table.PrimaryKey.Fields.Select(f => IndexOf(table.Schema, f.Id))]);
        HashSet<int> partitionSources = [.. change.DefaultSpec.Fields.Select(f => TopLevelId(table.Schema, f.SourceId))];
        _tombstoneKeeps = [.. table.Schema.Columns.Select(c =>
            c.IsRequired || table.PrimaryKey.Fields.Any(f => f.Id == c.Id) || partitionSources.Contains(c.Id))];
        _buckets = table.ChangeBuckets;
        _dataPath = TableFolders.Data(change.Location, change.Properties);
        _layout = ChangeLayout.Of(change, table.BaseTable.Metadata, _buckets, _config.TargetFileSizeBytes);
        _held = _layout is null ? null : new ChangeBuffer(_layout.HeldRows);
        (TransactionId, _predecessor) = table.Commits.Predict(change.LastSequenceNumber);
    }

    /// <summary>
    /// The transaction id the rows are written with: the change store's next sequence number as predicted, after the
    /// commit of this table instance's writer that was committing when this one was created, if any.
    /// </summary>
    public long TransactionId { get; private set; }

    /// <summary>Change rows written so far (including those held until the commit).</summary>
    public long RowCount => _rowCount + (_held?.Rows ?? 0);

    /// <summary>Inserts rows (action I). Inserting a key that exists leaves two rows for it until the next upsert or delete.</summary>
    public ValueTask InsertAsync(ColumnBatch rows, CancellationToken cancellationToken = default) =>
        WriteAsync(rows, [ChangeAction.Insert], cancellationToken);

    /// <summary>
    /// Inserts or replaces rows by key: a delete (D) then an insert (I) per row. The delete is a tombstone: it holds
    /// the key, the required columns and the columns the partition is computed from; its other columns are null.
    /// </summary>
    public ValueTask UpsertAsync(ColumnBatch rows, CancellationToken cancellationToken = default) =>
        WriteAsync(rows, [ChangeAction.Delete, ChangeAction.Insert], cancellationToken, tombstones: true);

    /// <summary>Deletes rows by key (action D). Non-key columns the input lacks are written as nulls when nullable.</summary>
    public ValueTask DeleteAsync(ColumnBatch rows, CancellationToken cancellationToken = default) =>
        WriteAsync(rows, [ChangeAction.Delete], cancellationToken);

    /// <summary>
    /// Updates rows: row i of <paramref name="before"/> (UB) is replaced by row i of <paramref name="after"/> (UA),
    /// both at the same offset.
    /// </summary>
    public async ValueTask UpdateAsync(ColumnBatch before, ColumnBatch after, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ObjectDisposedException.ThrowIf(_finished, this);
        if (before.RowCount != after.RowCount)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"An update needs as many rows after ({after.RowCount}) as before ({before.RowCount}).");
        }

        using ChangeInput first = ChangeInput.Resolve(before, _table.Schema, _userFields, _table.PrimaryKey);
        using ChangeInput second = ChangeInput.Resolve(after, _table.Schema, _userFields, _table.PrimaryKey);
        long offset = _nextOffset;
        _nextOffset += first.RowCount;
        await FanOutAsync(first, [ChangeAction.UpdateBefore], offset, 1, cancellationToken).ConfigureAwait(false);
        await FanOutAsync(second, [ChangeAction.UpdateAfter], offset, 1, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Commits every file written in one change snapshot and returns what was committed, or null when nothing was
    /// written. Retries after concurrent commits as <c>commit.retry.*</c> allows, rewriting the rows with the new
    /// transaction id each time another change commit landed first.
    /// </summary>
    public async Task<ChangeCommit?> CommitAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _table.Commits.Begin(TransactionId, done.Task);
        try
        {
            return await CommitInOrderAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            done.SetResult();
        }
    }

    private async Task<ChangeCommit?> CommitInOrderAsync(CancellationToken cancellationToken)
    {
        await WriteHeldAsync(cancellationToken).ConfigureAwait(false);

        // Closing encodes each file's last row group; files are independent, so all close at once (the pool's threads
        // bound the encoding). They reach the disk in the background, awaited by the barrier after the manifests.
        var closed = new IReadOnlyList<DataFile>[_writers.Count];
        ChangeFileWriter[] writers = [.. _writers.Values];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, writers.Length),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(writers.Length, 1), CancellationToken = cancellationToken },
            async (i, ct) => closed[i] = await writers[i].CloseAsync(ct).ConfigureAwait(false)).ConfigureAwait(false);
        var files = closed.SelectMany(f => f).ToList();

        if (files.Count == 0)
        {
            _finished = true;
            return null;
        }

        ITableOperations operations = _table.ChangeTable.Operations;
        RetryPolicy policy = RetryPolicy.From(operations.Current);
        try
        {
            // The previous commit ends by completing (never faulting): whether it landed or not, this one goes next.
            await _predecessor.WaitAsync(cancellationToken).ConfigureAwait(false);
            for (int attempt = 0; ; attempt++)
            {
                AppendFiles append = _table.ChangeTable.NewFastAppend();
                foreach (DataFile file in files)
                {
                    append.AppendFile(file);
                }

                try
                {
                    var onDisk = new OnDiskBarrier(() => Task.WhenAll(writers.Select(w => w.WhenOnDiskAsync())));
                    await TableCommitter.CommitAsync(operations, [new TransactionGuard(TransactionId), append, onDisk], cancellationToken).ConfigureAwait(false);
                    _finished = true;
                    return new ChangeCommit(TransactionId, append.SnapshotId, files.Count, _rowCount);
                }
                catch (TransactionMovedException moved) when (attempt < policy.NumRetries)
                {
                    await Task.Delay(policy.Delay(attempt + 1), cancellationToken).ConfigureAwait(false);
                    TableMetadata current = await operations.RefreshAsync(cancellationToken).ConfigureAwait(false);
                    long next = Math.Max(moved.NextTransactionId, current.LastSequenceNumber + 1);
                    files = await RewriteAsync(files, next, cancellationToken).ConfigureAwait(false);
                    TransactionId = next;
                }
            }
        }
        catch (Exception e)
        {
            // A commit whose outcome is unknown may have landed and named the files: they stay.
            if (!_finished)
            {
                _finished = true;
                if (CommitCleanup.ProvesNotCommitted(e))
                {
                    await CommitCleanup.DeleteAsync(_io, files.Select(f => f.FilePath)).ConfigureAwait(false);
                }
            }

            throw;
        }
    }

    /// <summary>Deletes the files written without committing them.</summary>
    public async ValueTask AbortAsync(CancellationToken cancellationToken = default)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        _held?.Dispose();
        _held = null;
        foreach (ChangeFileWriter writer in _writers.Values)
        {
            await writer.AbortAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await AbortAsync(CancellationToken.None).ConfigureAwait(false);
        _held?.Dispose();
        foreach (ChangeFileWriter writer in _writers.Values)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }

        _keys.Dispose();
    }

    private async ValueTask WriteAsync(ColumnBatch rows, ChangeAction[] actions, CancellationToken cancellationToken, bool tombstones = false)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ObjectDisposedException.ThrowIf(_finished, this);
        using ChangeInput input = ChangeInput.Resolve(rows, _table.Schema, _userFields, _table.PrimaryKey);
        long offset = _nextOffset;
        _nextOffset += (long)input.RowCount * actions.Length;
        await FanOutAsync(input, actions, offset, actions.Length, cancellationToken, tombstones).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the rows of <paramref name="input"/> once per action; row i's action k gets offset
    /// <paramref name="firstOffset"/> + i * <paramref name="stride"/> + k. With <paramref name="tombstones"/>, delete
    /// rows keep only the columns a tombstone needs. While the transaction may still go to coarser nodes than the change
    /// buckets the rows are held until the commit; once it outgrows that, everything goes to the change buckets.
    /// </summary>
    private async ValueTask FanOutAsync(
        ChangeInput input, ChangeAction[] actions, long firstOffset, int stride, CancellationToken cancellationToken, bool tombstones = false)
    {
        int rows = input.RowCount;
        if (rows == 0)
        {
            return;
        }

        int[] groupOfRow = ArrayPool<int>.Shared.Rent(rows);
        try
        {
            AssignGroups(input, groupOfRow.AsSpan(0, rows));
            var changeRows = new GroupedRows(input.Columns, groupOfRow, rows, actions, firstOffset, stride, tombstones);
            if (_held is { } held)
            {
                if (held.TryHold(changeRows))
                {
                    return;
                }

                _held = null;
                using (held)
                {
                    foreach (GroupedRows earlier in held.Held)
                    {
                        await WriteRowsAsync(earlier, FineMasks(), cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            await WriteRowsAsync(changeRows, FineMasks(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(groupOfRow);
        }
    }

    /// <summary>Writes the rows held for a small transaction, each partition at the coarsest node its size allows.</summary>
    private async ValueTask WriteHeldAsync(CancellationToken cancellationToken)
    {
        if (_held is not { } held)
        {
            return;
        }

        _held = null;
        using (held)
        {
            int[] masks = [.. held.PerPartition(_partitions.Count, _buckets).Select(p => _layout!.MaskFor(p.Rows, p.Buckets))];
            foreach (GroupedRows rows in held.Held)
            {
                await WriteRowsAsync(rows, masks, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private int[] FineMasks()
    {
        int[] masks = new int[_partitions.Count];
        Array.Fill(masks, _buckets - 1);
        return masks;
    }

    /// <summary>Writes <paramref name="input"/> with each partition p's rows at the nodes of mask <paramref name="masks"/>[p].</summary>
    private async ValueTask WriteRowsAsync(GroupedRows input, int[] masks, CancellationToken cancellationToken)
    {
        int rows = input.Count;
        int[] groupOfRow = ArrayPool<int>.Shared.Rent(rows);
        int[] order = ArrayPool<int>.Shared.Rent(rows);
        try
        {
            // A group is (partition, node at the partition's mask), numbered partition * buckets + node index.
            for (int row = 0; row < rows; row++)
            {
                int g = input.Groups[row];
                int partition = g / _buckets;
                groupOfRow[row] = (partition * _buckets) + (g % _buckets & masks[partition]);
            }

            int groups = _partitions.Count * _buckets;
            int[] starts = new int[groups + 1];
            foreach (int g in groupOfRow.AsSpan(0, rows))
            {
                starts[g + 1]++;
            }

            for (int g = 0; g < groups; g++)
            {
                starts[g + 1] += starts[g];
            }

            int[] cursor = (int[])starts.Clone();
            for (int row = 0; row < rows; row++)
            {
                order[cursor[groupOfRow[row]]++] = row;
            }

            int[] present = [.. Enumerable.Range(0, groups).Where(g => starts[g + 1] > starts[g])];
            _fileConfig ??= ChangeFileEncodings.Choose(_config, _userFields, input.Columns, rows / present.Length);
            DataTreeNode NodeOf(int g) => new(masks[g / _buckets], g % _buckets);
            foreach (int g in present)
            {
                foreach (ChangeAction action in input.Actions)
                {
                    WriterFor(g / _buckets, NodeOf(g), KindOf(action));
                }
            }

            // Groups go to different files, so they are gathered and encoded in parallel.
            await Parallel.ForEachAsync(
                present,
                new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken },
                async (g, ct) =>
                {
                    int count = starts[g + 1] - starts[g];
                    await WriteGroupAsync(input, g / _buckets, NodeOf(g), order.AsMemory(starts[g], count), count == rows, ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(groupOfRow);
            ArrayPool<int>.Shared.Return(order);
        }
    }

    /// <summary>Gives every row its group: partition index * change buckets + change bucket.</summary>
    private void AssignGroups(ChangeInput input, Span<int> groupOfRow)
    {
        int rows = input.RowCount;
        if (_config.Spec.Fields.Count > 0)
        {
            // A view over the input's vectors; they are owned (and disposed) by the input.
            _partitionKeys.Assign(new ColumnBatch(_userFields, input.Columns), groupOfRow, _partitions, _partitionIndex);
        }
        else
        {
            if (_partitions.Count == 0)
            {
                _partitions.Add(PartitionData.Empty);
                _partitionIndex.Add(PartitionData.Empty, 0);
            }

            groupOfRow.Clear();
        }

        _keys.Bind(input.Columns);
        int[] hashes = ArrayPool<int>.Shared.Rent(rows);
        try
        {
            Span<int> hashSpan = hashes.AsSpan(0, rows);
            _keys.Hash(hashSpan);
            int mask = _buckets - 1;
            for (int row = 0; row < rows; row++)
            {
                groupOfRow[row] = (groupOfRow[row] * _buckets) + (hashSpan[row] & int.MaxValue & mask);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(hashes);
        }
    }

    private async ValueTask WriteGroupAsync(GroupedRows input, int partition, DataTreeNode node, ReadOnlyMemory<int> rows, bool allRows, CancellationToken cancellationToken)
    {
        (ChangeAction[] actions, long firstOffset, int stride, bool tombstones) = (input.Actions, input.FirstOffset, input.Stride, input.Tombstones);
        int count = rows.Length;
        ColumnVector[] user = allRows ? input.Columns : new ColumnVector[input.Columns.Length];
        ColumnVector[]? tombstone = null;
        try
        {
            if (!allRows)
            {
                for (int c = 0; c < user.Length; c++)
                {
                    user[c] = ColumnGather.Take(input.Columns[c], rows.Span);
                }
            }

            if (tombstones)
            {
                // Columns a tombstone does not need are all-null vectors: Parquet writes them as definition levels.
                tombstone = new ColumnVector[user.Length];
                for (int c = 0; c < user.Length; c++)
                {
                    tombstone[c] = _tombstoneKeeps[c] ? user[c] : NullColumn(_userFields[c].Type, count);
                }
            }

            for (int k = 0; k < actions.Length; k++)
            {
                using var transaction = new PrimitiveVector<long>(ColumnType.Int64, count);
                transaction.AppendUninitialized(count).Fill(TransactionId);
                using var offsets = new PrimitiveVector<long>(ColumnType.Int64, count);
                Span<long> offsetSlots = offsets.AppendUninitialized(count);
                ReadOnlySpan<int> rowSpan = rows.Span;
                for (int i = 0; i < count; i++)
                {
                    offsetSlots[i] = firstOffset + ((long)rowSpan[i] * stride) + k;
                }

                using BinaryVector action = ActionColumn(actions[k], count);
                ColumnVector[] values = tombstone is not null && !actions[k].KeepsRow() ? tombstone : user;
                var batch = new ColumnBatch(_changeFields, [.. values, transaction, offsets, action]);
                await _writers[(partition, node.Id, KindOf(actions[k]))].WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                Interlocked.Add(ref _rowCount, count);
            }
        }
        finally
        {
            for (int c = 0; tombstone is not null && c < tombstone.Length; c++)
            {
                if (!_tombstoneKeeps[c])
                {
                    tombstone[c]?.Dispose();
                }
            }

            if (!allRows)
            {
                foreach (ColumnVector? vector in user)
                {
                    vector?.Dispose();
                }
            }
        }
    }

    private static ColumnVector NullColumn(ColumnType type, int count)
    {
        ColumnVector vector = ColumnVector.Create(type, count);
        vector.AppendNulls(count);
        return vector;
    }

    /// <summary>
    /// Offsets ascend within a file, so they are delta-encoded instead of trying a dictionary that cannot pay off
    /// (the transaction and action columns hold one value per file and keep their dictionary). A transaction seldom
    /// changes a key twice, so within a change file a single key column's values are nearly all distinct and a
    /// dictionary would only be built to be dropped: an integer key is delta-encoded (bit-packed to the width of its
    /// values' spread, a fraction of the bytes the compressor would otherwise scan), any other key is PLAIN.
    /// Encodings set in table properties win.
    /// </summary>
    private static DataWriterConfig WithChangeColumnEncodings(DataWriterConfig config, PrimaryKey key)
    {
        var encodings = new Dictionary<string, ColumnEncoding>(config.Parquet.ColumnEncodings, StringComparer.Ordinal);
        encodings.TryAdd(PrimaryKeyColumns.FileOffsetName, ColumnEncoding.DeltaBinaryPacked);
        if (key.Fields.Count == 1)
        {
            bool integer = key.Fields[0].Type is PrimitiveType { TypeId: TypeId.Int or TypeId.Long };
            encodings.TryAdd(key.Names[0], integer ? ColumnEncoding.DeltaBinaryPacked : ColumnEncoding.Plain);
        }

        return config with { Parquet = config.Parquet with { ColumnEncodings = encodings } };
    }

    private static PrimaryKeyFileKind KindOf(ChangeAction action) => action.KeepsRow() ? PrimaryKeyFileKind.Insert : PrimaryKeyFileKind.EqualityDelete;

    private static BinaryVector ActionColumn(ChangeAction action, int count)
    {
        byte[] code = Encoding.ASCII.GetBytes(action.Code());
        var vector = new BinaryVector(ColumnType.String, count);
        vector.AppendUninitialized(count, code.Length * count, out Span<int> ends, out Span<byte> bytes, out int start);
        if (count == 0)
        {
            return vector;
        }

        // The code repeated: copy it once, then double the filled part (a few large copies, not one per row).
        code.CopyTo(bytes);
        for (int filled = code.Length; filled < bytes.Length; filled *= 2)
        {
            bytes[..Math.Min(filled, bytes.Length - filled)].CopyTo(bytes[filled..]);
        }

        for (int i = 0; i < count; i++)
        {
            ends[i] = start + ((i + 1) * code.Length);
        }

        return vector;
    }

    private ChangeFileWriter WriterFor(int partition, DataTreeNode node, PrimaryKeyFileKind kind)
    {
        if (!_writers.TryGetValue((partition, node.Id, kind), out ChangeFileWriter? writer))
        {
            var name = new PrimaryKeyFileName(node, kind, TransactionId, partition, 0, _operationId, 0);
            writer = new ChangeFileWriter(_io, _fileConfig ?? _config, _dataPath, _partitions[partition], name);
            _writers.Add((partition, node.Id, kind), writer);
        }

        return writer;
    }

    /// <summary>Rewrites committed-to-be files with a new transaction id (column and name) and deletes the old ones.</summary>
    private async Task<List<DataFile>> RewriteAsync(List<DataFile> files, long transactionId, CancellationToken cancellationToken)
    {
        var rewritten = new List<DataFile>(files.Count);
        var schema = _config.Schema;
        int transactionColumn = _changeFields.Count - 3;
        try
        {
            foreach (DataFile file in files)
            {
                PrimaryKeyFileName name = PrimaryKeyFileName.TryParse(file.FilePath)
                    ?? throw new FloeException(FloeErrorKind.InvalidData, $"Change file {file.FilePath} does not carry a mixed file name.");
                string folder = file.FilePath[..file.FilePath.LastIndexOf('/')];
                string location = $"{folder}/{(name with { TransactionId = transactionId }).Format()}";
                Stream input = await _io.NewInputFile(file.FilePath).OpenAsync(cancellationToken).ConfigureAwait(false);
                DataFileReader reader = await DataFileReader.OpenAsync(input, file.FilePath, cancellationToken: cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    Stream output = await _io.NewOutputFile(location).CreateAsync(cancellationToken).ConfigureAwait(false);
                    var writer = new DataFileWriter(output, location, _fileConfig ?? _config, file.Partition);
                    await using (writer.ConfigureAwait(false))
                    {
                        await foreach (ColumnBatch batch in reader.ReadAsync(schema, cancellationToken: cancellationToken).ConfigureAwait(false))
                        {
                            using (batch)
                            {
                                using var transaction = new PrimitiveVector<long>(ColumnType.Int64, batch.RowCount);
                                transaction.AppendUninitialized(batch.RowCount).Fill(transactionId);
                                ColumnVector[] columns = [.. batch.Columns];
                                columns[transactionColumn] = transaction;
                                await writer.WriteAsync(new ColumnBatch(_changeFields, columns), cancellationToken).ConfigureAwait(false);
                            }
                        }

                        rewritten.Add(await writer.CloseAsync(cancellationToken).ConfigureAwait(false));
                    }
                }
            }
        }
        catch
        {
            await CommitCleanup.DeleteAsync(_io, rewritten.Select(f => f.FilePath)).ConfigureAwait(false);
            throw;
        }

        await CommitCleanup.DeleteAsync(_io, files.Select(f => f.FilePath)).ConfigureAwait(false);
        return rewritten;
    }

    /// <summary>The top-level column that holds field <paramref name="id"/>.</summary>
    private static int TopLevelId(Core.Schemas.Schema schema, int id)
    {
        while (schema.FindParentId(id) is int parent)
        {
            id = parent;
        }

        return id;
    }

    private static int IndexOf(Core.Schemas.Schema schema, int id)
    {
        for (int i = 0; i < schema.Columns.Count; i++)
        {
            if (schema.Columns[i].Id == id)
            {
                return i;
            }
        }

        throw new FloeException(FloeErrorKind.InvalidData, $"Key column {id} is not a top-level column.");
    }
}
