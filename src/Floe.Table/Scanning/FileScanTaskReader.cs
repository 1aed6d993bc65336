using System.Buffers;
using System.Runtime.CompilerServices;
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

    /// <param name="fileIO">Opens the data and delete files.</param>
    /// <param name="nameMapping">Field ids for files written without them (the table's default name mapping).</param>
    public FileScanTaskReader(IFileIO fileIO, NameMapping? nameMapping = null)
    {
        ArgumentNullException.ThrowIfNull(fileIO);
        _fileIO = fileIO;
        _nameMapping = nameMapping;
        _deletes = new DeleteLoader(fileIO, nameMapping);
    }

    public async IAsyncEnumerable<ColumnBatch> ReadAsync(FileScanTask task, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        await foreach (SelectedBatch selected in ReadSelectedAsync(task, cancellationToken).ConfigureAwait(false))
        {
            using (selected)
            {
                yield return selected.TakeBatch();
            }
        }
    }

    /// <summary>
    /// Reads the task as <see cref="ReadAsync"/> does, but leaves the surviving rows in the batch they were read in,
    /// listed by index, so a consumer that takes a selection skips copying them (a rewrite with deletes).
    /// </summary>
    public async IAsyncEnumerable<SelectedBatch> ReadSelectedAsync(FileScanTask task, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        long[] deletedPositions = await _deletes.LoadPositionsAsync(
            task.Deletes.Where(d => d.Content == FileContent.PositionDeletes), task.File.FilePath, cancellationToken).ConfigureAwait(false);
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
        try
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
                int positionCursor = 0;
                await foreach (ColumnBatch batch in reader.ReadAsync(readSchema, options, cancellationToken).ConfigureAwait(false))
                {
                    long firstRow = firstRows[groups[groupNumber++]];
                    int rows = batch.RowCount;
                    int[]? kept = ArrayPool<int>.Shared.Rent(Math.Max(rows, 1));
                    SelectedBatch? result = null;
                    try
                    {
                        int keptCount = SelectRows(batch, firstRow, deletedPositions, ref positionCursor, encoders, filter, kept);
                        if (keptCount == rows && identity)
                        {
                            result = new SelectedBatch(batch);
                        }
                        else if (identity && keptCount > 0)
                        {
                            // The batch is the projection: its surviving rows are listed, not copied.
                            result = new SelectedBatch(batch, kept, keptCount);
                            kept = null;
                        }
                        else if (keptCount > 0)
                        {
                            result = new SelectedBatch(Gather(batch, output, kept.AsSpan(0, keptCount)));
                        }
                    }
                    finally
                    {
                        if (kept is not null)
                        {
                            ArrayPool<int>.Shared.Return(kept);
                        }

                        if (!ReferenceEquals(result?.Batch, batch))
                        {
                            batch.Dispose();
                        }
                    }

                    if (result is not null)
                    {
                        yield return result;
                    }
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
            for (int row = 0; row < rows && positionCursor < deletedPositions.Length; row++)
            {
                long position = firstRow + row;
                while (positionCursor < deletedPositions.Length && deletedPositions[positionCursor] < position)
                {
                    positionCursor++;
                }

                if (positionCursor < deletedPositions.Length && deletedPositions[positionCursor] == position)
                {
                    mask[row] = false;
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
            int count = 0;
            for (int row = 0; row < rows; row++)
            {
                if (mask[row])
                {
                    kept[count++] = row;
                }
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

    private static ColumnBatch Gather(ColumnBatch batch, int[] output, ReadOnlySpan<int> rows)
    {
        var fields = new ColumnField[output.Length];
        var columns = new ColumnVector[output.Length];
        try
        {
            for (int c = 0; c < output.Length; c++)
            {
                fields[c] = batch.Fields[output[c]];
                ColumnVector source = batch.Column(output[c]);
                columns[c] = ColumnVector.Create(source.Type, rows.Length);
                ColumnGather.Append(source, rows, columns[c]);
            }

            return new ColumnBatch(fields, columns);
        }
        catch
        {
            foreach (ColumnVector? column in columns)
            {
                column?.Dispose();
            }

            throw;
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
