namespace Floe.Common.Columnar;

/// <summary>
/// Appends chosen rows of one vector to another of the same type, nested columns included: the "take" kernel
/// that splits a batch by partition, bucket or size and picks the surviving rows of a merge. Values are copied span
/// to span; validity is set in bulk; no object per value.
/// </summary>
public static class ColumnGather
{
    /// <summary>A new vector with the rows of <paramref name="source"/> listed in <paramref name="rows"/>.</summary>
    public static ColumnVector Take(ColumnVector source, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(source);
        ColumnVector destination = ColumnVector.Create(source.Type, rows.Length);
        try
        {
            Append(source, rows, destination);
            return destination;
        }
        catch
        {
            destination.Dispose();
            throw;
        }
    }

    /// <summary>A new batch with the listed rows of every column of <paramref name="batch"/>.</summary>
    public static ColumnBatch Take(ColumnBatch batch, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var columns = new ColumnVector[batch.Columns.Count];
        try
        {
            for (int c = 0; c < columns.Length; c++)
            {
                columns[c] = Take(batch.Column(c), rows);
            }

            return new ColumnBatch(batch.Fields, columns);
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

    /// <summary>Appends the rows of <paramref name="source"/> listed in <paramref name="rows"/> to <paramref name="destination"/>.</summary>
    public static void Append(ColumnVector source, ReadOnlySpan<int> rows, ColumnVector destination)
    {
        int start = destination.Length;
        switch (source)
        {
            case PrimitiveVector<bool> s: AppendValues(s, rows, (PrimitiveVector<bool>)destination); break;
            case PrimitiveVector<int> s: AppendValues(s, rows, (PrimitiveVector<int>)destination); break;
            case PrimitiveVector<long> s: AppendValues(s, rows, (PrimitiveVector<long>)destination); break;
            case PrimitiveVector<float> s: AppendValues(s, rows, (PrimitiveVector<float>)destination); break;
            case PrimitiveVector<double> s: AppendValues(s, rows, (PrimitiveVector<double>)destination); break;
            case PrimitiveVector<Int128> s: AppendValues(s, rows, (PrimitiveVector<Int128>)destination); break;
            case BinaryVector s: AppendBinary(s, rows, (BinaryVector)destination); break;
            case FixedBinaryVector s: AppendFixed(s, rows, (FixedBinaryVector)destination); break;
            case StructVector s: AppendStruct(s, rows, (StructVector)destination); break;
            case ListVector s: AppendList(s, rows, (ListVector)destination); break;
            case MapVector s: AppendMap(s, rows, (MapVector)destination); break;
            default: throw new NotSupportedException($"no gather for {source.GetType().Name}");
        }

        CopyValidity(source, rows, destination, start);
    }

    /// <summary>Appends the contiguous rows [<paramref name="offset"/>, offset + count) of <paramref name="source"/>.</summary>
    public static void AppendRange(ColumnVector source, int offset, int count, ColumnVector destination)
    {
        int[] rows = System.Buffers.ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
        try
        {
            for (int i = 0; i < count; i++)
            {
                rows[i] = offset + i;
            }

            Append(source, rows.AsSpan(0, count), destination);
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(rows);
        }
    }

    private static void AppendValues<T>(PrimitiveVector<T> source, ReadOnlySpan<int> rows, PrimitiveVector<T> destination)
        where T : unmanaged
    {
        Span<T> slots = destination.AppendUninitialized(rows.Length);
        Span<T> values = source.Values;
        for (int i = 0; i < rows.Length; i++)
        {
            slots[i] = values[rows[i]];
        }
    }

    private static void AppendBinary(BinaryVector source, ReadOnlySpan<int> rows, BinaryVector destination)
    {
        ReadOnlySpan<int> offsets = source.Offsets;
        long total = 0;
        foreach (int row in rows)
        {
            total += offsets[row + 1] - offsets[row];
        }

        destination.AppendUninitialized(rows.Length, checked((int)total), out Span<int> ends, out Span<byte> bytes, out int dataStart);
        ReadOnlySpan<byte> data = source.Data;
        int written = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            int from = offsets[rows[i]];
            int length = offsets[rows[i] + 1] - from;
            data.Slice(from, length).CopyTo(bytes[written..]);
            written += length;
            ends[i] = dataStart + written;
        }
    }

    private static void AppendFixed(FixedBinaryVector source, ReadOnlySpan<int> rows, FixedBinaryVector destination)
    {
        int width = source.ByteWidth;
        Span<byte> slots = destination.AppendUninitialized(rows.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            source.GetBytes(rows[i]).CopyTo(slots.Slice(i * width, width));
        }
    }

    private static void AppendStruct(StructVector source, ReadOnlySpan<int> rows, StructVector destination)
    {
        for (int c = 0; c < source.Children.Count; c++)
        {
            Append(source.Child(c), rows, destination.Child(c));
        }

        destination.AppendRows(rows.Length);
    }

    private static void AppendList(ListVector source, ReadOnlySpan<int> rows, ListVector destination)
    {
        using var elementRows = new PooledIndexList();
        ReadOnlySpan<int> offsets = source.Offsets;
        Span<int> ends = destination.AppendUninitialized(rows.Length);
        int end = destination.Elements.Length;
        for (int i = 0; i < rows.Length; i++)
        {
            int row = rows[i];
            for (int e = offsets[row]; e < offsets[row + 1]; e++)
            {
                elementRows.Add(e);
            }

            end += offsets[row + 1] - offsets[row];
            ends[i] = end;
        }

        Append(source.Elements, elementRows.Span, destination.Elements);
    }

    private static void AppendMap(MapVector source, ReadOnlySpan<int> rows, MapVector destination)
    {
        using var entryRows = new PooledIndexList();
        ReadOnlySpan<int> offsets = source.Offsets;
        Span<int> ends = destination.AppendUninitialized(rows.Length);
        int end = destination.Keys.Length;
        for (int i = 0; i < rows.Length; i++)
        {
            int row = rows[i];
            for (int e = offsets[row]; e < offsets[row + 1]; e++)
            {
                entryRows.Add(e);
            }

            end += offsets[row + 1] - offsets[row];
            ends[i] = end;
        }

        Append(source.Keys, entryRows.Span, destination.Keys);
        Append(source.Values, entryRows.Span, destination.Values);
    }

    private static void CopyValidity(ColumnVector source, ReadOnlySpan<int> rows, ColumnVector destination, int start)
    {
        if (!source.HasNulls)
        {
            return;
        }

        bool[] present = System.Buffers.ArrayPool<bool>.Shared.Rent(rows.Length);
        try
        {
            ReadOnlySpan<ulong> words = source.ValidityWords;
            bool anyNull = false;
            for (int i = 0; i < rows.Length; i++)
            {
                int row = rows[i];
                bool valid = (words[row >> 6] & (1UL << row)) != 0;
                present[i] = valid;
                anyNull |= !valid;
            }

            if (anyNull)
            {
                destination.SetValidity(start, present.AsSpan(0, rows.Length));
            }
        }
        finally
        {
            System.Buffers.ArrayPool<bool>.Shared.Return(present);
        }
    }
}
