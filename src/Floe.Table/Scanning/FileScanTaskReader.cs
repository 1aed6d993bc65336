using System.Buffers;
using System.Runtime.CompilerServices;
using Floe.Common.Caching;
using Floe.Common.Collections;
using Floe.Common.Columnar;
using Floe.Core.Expressions;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Mapping;
using Floe.Core.Schemas;
using Floe.Table.Data.Reading;
using Floe.Table.Scanning.Execution;

namespace Floe.Table.Scanning;

/// <summary>
/// Reads a <see cref="FileScanTask"/>: the data file's rows in the task's projection, without the rows its position
/// deletes (sorted positions) and equality deletes (a set of serialized keys) remove, and only the rows passing the
/// residual filter (evaluated on whole batches). The columns a filter or delete needs are read and dropped again if not projected.
/// </summary>
public sealed class FileScanTaskReader
{
    private readonly IFileIO _fileIO;
    private readonly NameMapping? _nameMapping;
    private readonly DeleteLoader _deletes;
    private readonly bool _cacheDecodedFiles;

    /// <param name="fileIO">Opens the data and delete files.</param>
    /// <param name="nameMapping">Field ids for files written without them (the table's default name mapping).</param>
    /// <param name="cacheDecodedFiles">
    /// Keep whole files' decoded rows in <see cref="ScanCaches.DecodedFiles"/> (files up to its entry bound, read
    /// without a name mapping), for small files read again and again such as merge-on-read change files.
    /// </param>
    public FileScanTaskReader(IFileIO fileIO, NameMapping? nameMapping = null, bool cacheDecodedFiles = false)
    {
        ArgumentNullException.ThrowIfNull(fileIO);
        _fileIO = fileIO;
        _nameMapping = nameMapping;
        _cacheDecodedFiles = cacheDecodedFiles;
        _deletes = new DeleteLoader(fileIO, nameMapping);
    }

    public async IAsyncEnumerable<ColumnBatch> ReadAsync(FileScanTask task, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (SelectedRows selected in SelectAsync(task, cancellationToken).ConfigureAwait(false))
        {
            ColumnBatch? result;
            using (selected)
            {
                result = selected.TakeBatch();
            }

            if (result is not null)
            {
                yield return result;
            }
        }
    }

    /// <summary>
    /// Reads the task as <see cref="ReadAsync"/> does, but hands out each batch as read with the rows that survive
    /// deletes and filter instead of a copy of them, for callers that take only some of those rows or columns. Each
    /// <see cref="SelectedRows"/> is valid until disposed, which the caller does before moving on.
    /// </summary>
    public IAsyncEnumerable<SelectedRows> SelectAsync(FileScanTask task, CancellationToken cancellationToken = default) =>
        SelectAsync(task, [], cancellationToken);

    /// <summary>
    /// Reads the task as <see cref="SelectAsync(FileScanTask, CancellationToken)"/> does, also leaving out the rows at
    /// <paramref name="excludedPositions"/> (file positions, ascending) as if a position delete removed them.
    /// </summary>
    public async IAsyncEnumerable<SelectedRows> SelectAsync(
        FileScanTask task, long[] excludedPositions, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(excludedPositions);
        long[] deletedPositions = SortedPositions.Merge(await _deletes.LoadPositionsAsync(
            task.Deletes.Where(d => d.Content == FileContent.PositionDeletes), task.File.FilePath, cancellationToken).ConfigureAwait(false), excludedPositions);
        List<(int[] Ids, EqualityKeySet Keys)> equalityDeletes = await LoadEqualityDeletesAsync(task, cancellationToken).ConfigureAwait(false);
        Expression residual = task.Residual;
        HashSet<int> filterIds = ReferencedIds(residual);

        // Read the projected columns plus what filtering or deletes need: whole top-level columns the projection
        // lacks, or the needed field itself inside a struct the projection keeps in part.
        var projectedTop = new HashSet<int>(task.Projection.Columns.Select(c => c.Id));
        var extra = new HashSet<int>();
        foreach (int id in filterIds.Concat(equalityDeletes.SelectMany(e => e.Ids)))
        {
            if (!ContainsId(task.Projection, id))
            {
                int top = TopLevelId(task.Schema, id);
                extra.Add(projectedTop.Contains(top) ? id : top);
            }
        }

        Schema readSchema = extra.Count == 0
            ? task.Projection
            : SchemaProjection.Project(task.Schema, [.. AllIds(task.Projection), .. extra]);
        int[] output = [.. task.Projection.Columns.Select(c => IndexOf(readSchema, c.Id))];
        bool identity = output.Length == readSchema.Columns.Count && output.Select((o, i) => o == i).All(b => b);

        BatchFilter? filter = residual is TrueExpression ? null : new BatchFilter(residual, readSchema);
        // Delete files on the same fields share one encoder: each row's key is serialized once per field set.
        (RowKeyEncoder Encoder, EqualityKeySet[] Keys)[] encoders = [.. equalityDeletes
            .GroupBy(e => string.Join(',', e.Ids))
            .Select(g => (new RowKeyEncoder([.. g.First().Ids.Select(id => FieldAccessor.Create(readSchema, id))]), g.Select(e => e.Keys).ToArray()))];
        var selection = new RowSelection(deletedPositions, encoders, filter, output, identity);
        try
        {
            await foreach ((ColumnBatch batch, long firstRow, bool shared) in BatchesAsync(task, readSchema, cancellationToken).ConfigureAwait(false))
            {
                if (selection.Select(batch, firstRow, shared) is { } selected)
                {
                    yield return selected;
                }
            }
        }
        finally
        {
            foreach ((RowKeyEncoder encoder, _) in encoders)
            {
                encoder.Dispose();
            }
        }
    }

    /// <summary>
    /// The task's batches in <paramref name="readSchema"/> with the file position of each one's first row; shared ones
    /// come from <see cref="ScanCaches.DecodedFiles"/> and must be neither disposed nor handed out.
    /// </summary>
    private async IAsyncEnumerable<(ColumnBatch Batch, long FirstRow, bool Shared)> BatchesAsync(
        FileScanTask task, Schema readSchema, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ByteBoundedCache<DecodedFileKey, DecodedFile> cache = ScanCaches.DecodedFiles;
        if (_cacheDecodedFiles && _nameMapping is null && task.IsWholeFile && cache.Enabled && task.File.FileSizeInBytes <= cache.MaxEntryBytes)
        {
            var key = new DecodedFileKey(task.File.FilePath, task.File.FileSizeInBytes, string.Join('|', readSchema.Columns));
            DecodedFile decoded = await cache.GetOrLoadAsync(key, (task, readSchema), DecodeAsync, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < decoded.Batches.Count; i++)
            {
                yield return (decoded.Batches[i], decoded.FirstRows[i], true);
            }

            yield break;
        }

        await foreach ((ColumnBatch Batch, long FirstRow, bool Shared) item in BatchesOfFileAsync(task, readSchema, cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    private async IAsyncEnumerable<(ColumnBatch Batch, long FirstRow, bool Shared)> BatchesOfFileAsync(
        FileScanTask task, Schema readSchema, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        DataFileReader reader = await ContentFileOpener.OpenAsync(_fileIO, task.File, _nameMapping, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            // A range task reads only its row groups; positions count from the file's first row all the same.
            (int[] groups, long[] firstRows) = RowGroupsOf(reader, task);
            var options = new DataReadOptions
            {
                NameMapping = _nameMapping,
                RowGroupFilter = task.IsWholeFile ? null : group => Array.BinarySearch(groups, group.Index) >= 0,
            };
            int groupNumber = 0;
            await foreach (ColumnBatch batch in reader.ReadAsync(readSchema, options, cancellationToken).ConfigureAwait(false))
            {
                yield return (batch, firstRows[groups[groupNumber++]], false);
            }
        }
    }

    /// <summary>Reads a whole file's batches for <see cref="ScanCaches.DecodedFiles"/>.</summary>
    private async Task<(DecodedFile Value, long Bytes)> DecodeAsync((FileScanTask Task, Schema ReadSchema) state, CancellationToken cancellationToken)
    {
        var batches = new List<ColumnBatch>();
        var starts = new List<long>();
        try
        {
            await foreach ((ColumnBatch batch, long firstRow, _) in BatchesOfFileAsync(state.Task, state.ReadSchema, cancellationToken).ConfigureAwait(false))
            {
                batches.Add(batch);
                starts.Add(firstRow);
            }
        }
        catch
        {
            batches.ForEach(b => b.Dispose());
            throw;
        }

        var decoded = new DecodedFile([.. batches], [.. starts]);
        return (decoded, decoded.Bytes);
    }

    /// <summary>The row groups the task reads, ascending, and the file position of every row group's first row.</summary>
    private static (int[] Groups, long[] FirstRows) RowGroupsOf(DataFileReader reader, FileScanTask task)
    {
        var rowGroups = reader.Parquet.RowGroups;
        var firstRows = new long[rowGroups.Count];
        long total = 0;
        for (int i = 0; i < firstRows.Length; i++)
        {
            firstRows[i] = total;
            total += rowGroups[i].NumRows;
        }

        int[] groups = task.IsWholeFile
            ? [.. Enumerable.Range(0, rowGroups.Count)]
            : [.. RowGroupRanges.Select(rowGroups, task.Start, task.Length).Order()];
        return (groups, firstRows);
    }

    private static int SelectRows(
        ColumnBatch batch, long firstRow, long[] deletedPositions, ref int positionCursor,
        (RowKeyEncoder Encoder, EqualityKeySet[] Keys)[] encoders, BatchFilter? filter, int[] kept)
    {
        int rows = batch.RowCount;
        bool[] rented = ArrayPool<bool>.Shared.Rent(Math.Max(rows, 1));
        try
        {
            Span<bool> mask = rented.AsSpan(0, rows);
            mask.Fill(true);
            // The sorted positions are walked, not the rows: a batch with few deletes costs as many steps.
            long end = firstRow + rows;
            while (positionCursor < deletedPositions.Length && deletedPositions[positionCursor] < end)
            {
                long position = deletedPositions[positionCursor++];
                if (position >= firstRow)
                {
                    mask[(int)(position - firstRow)] = false;
                }
            }

            // A row is deleted when any group of delete files holds its key; each group clears the rows it matches.
            foreach ((RowKeyEncoder encoder, EqualityKeySet[] sets) in encoders)
            {
                encoder.Bind(batch);
                if (encoder.SingleIntegerField is { } chain && sets.All(set => set.IsIntegers))
                {
                    ApplyIntegerDeletes(chain, sets, mask);
                    continue;
                }

                for (int row = 0; row < rows; row++)
                {
                    if (mask[row] && ContainsAny(sets, encoder.Encode(row)))
                    {
                        mask[row] = false;
                    }
                }
            }

            filter?.Apply(batch, mask);
            // Without a branch per row: a filter or deletes leave the mask unpredictable.
            int count = 0;
            for (int row = 0; row < rows; row++)
            {
                kept[count] = row;
                count += mask[row] ? 1 : 0;
            }

            return count;
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(rented);
        }
    }

    private static bool ContainsAny(EqualityKeySet[] sets, ReadOnlySpan<byte> key)
    {
        foreach (EqualityKeySet set in sets)
        {
            if (set.Contains(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Clears the rows whose value of a single integer key field one of <paramref name="sets"/> holds, read straight from the values.</summary>
    private static void ApplyIntegerDeletes(ColumnVector[] chain, EqualityKeySet[] sets, Span<bool> mask)
    {
        bool deletesNull = sets.Any(set => set.ContainsNull);
        bool mayBeNull = chain.Any(vector => vector.HasNulls);
        ColumnVector leaf = chain[^1];
        ReadOnlySpan<long> longs = leaf is PrimitiveVector<long> l ? l.Values : default;
        ReadOnlySpan<int> ints = leaf is PrimitiveVector<int> i ? i.Values : default;
        bool isLong = leaf is PrimitiveVector<long>;
        for (int row = 0; row < mask.Length; row++)
        {
            if (!mask[row])
            {
                continue;
            }

            if (mayBeNull && FieldAccessor.IsNull(chain, row))
            {
                mask[row] = !deletesNull;
                continue;
            }

            long value = isLong ? longs[row] : ints[row];
            foreach (EqualityKeySet set in sets)
            {
                if (set.ContainsInteger(value))
                {
                    mask[row] = false;
                    break;
                }
            }
        }
    }

    private async Task<List<(int[] Ids, EqualityKeySet Keys)>> LoadEqualityDeletesAsync(FileScanTask task, CancellationToken cancellationToken)
    {
        var result = new List<(int[] Ids, EqualityKeySet Keys)>();
        foreach (DeleteFile delete in task.Deletes.Where(d => d.Content == FileContent.EqualityDeletes))
        {
            EqualityKeySet keys = await _deletes.LoadEqualityKeysAsync(delete, task.Schema, cancellationToken).ConfigureAwait(false);
            result.Add(([.. delete.EqualityIds ?? []], keys));
        }

        return result;
    }

    /// <summary>The rows of a task's batches that survive its deletes and filter.</summary>
    private sealed class RowSelection(
        long[] deletedPositions, (RowKeyEncoder Encoder, EqualityKeySet[] Keys)[] encoders, BatchFilter? filter, int[] output, bool identity)
    {
        private int _positionCursor;

        /// <summary>The kept rows of <paramref name="batch"/>, or null (and the batch disposed unless shared) when none is.</summary>
        public SelectedRows? Select(ColumnBatch batch, long firstRow, bool shared)
        {
            int rows = batch.RowCount;
            int[] kept = ArrayPool<int>.Shared.Rent(Math.Max(rows, 1));
            try
            {
                int count = SelectRows(batch, firstRow, deletedPositions, ref _positionCursor, encoders, filter, kept);
                if (count > 0)
                {
                    return new SelectedRows(batch, output, identity, kept, count, shared);
                }
            }
            catch
            {
                ArrayPool<int>.Shared.Return(kept);
                if (!shared)
                {
                    batch.Dispose();
                }

                throw;
            }

            ArrayPool<int>.Shared.Return(kept);
            if (!shared)
            {
                batch.Dispose();
            }

            return null;
        }
    }

    private static HashSet<int> ReferencedIds(Expression expression)
    {
        var ids = new HashSet<int>();
        Collect(expression, ids);
        return ids;

        static void Collect(Expression e, HashSet<int> ids)
        {
            switch (e)
            {
                case And and:
                    Collect(and.Left, ids);
                    Collect(and.Right, ids);
                    break;
                case Or or:
                    Collect(or.Left, ids);
                    Collect(or.Right, ids);
                    break;
                case Not not:
                    Collect(not.Child, ids);
                    break;
                case BoundPredicate predicate:
                    ids.Add(predicate.Ref.FieldId);
                    break;
                default:
                    break;
            }
        }
    }

    private static bool ContainsId(Schema schema, int id) => schema.FindField(id) is not null;

    private static int TopLevelId(Schema schema, int id)
    {
        int current = id;
        while (schema.FindParentId(current) is int parent)
        {
            current = parent;
        }

        return current;
    }

    /// <summary>Ids that select exactly the projection's fields: every field that is not a struct, and empty structs.</summary>
    private static IEnumerable<int> AllIds(Schema schema) =>
        schema.FieldsById.Values.Where(f => f.Type is not Core.Types.StructType { Fields.Count: > 0 }).Select(f => f.Id);

    private static int IndexOf(Schema schema, int id)
    {
        for (int i = 0; i < schema.Columns.Count; i++)
        {
            if (schema.Columns[i].Id == id)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"Column {id} is missing from the read schema.");
    }
}
