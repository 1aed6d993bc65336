using System.Buffers;
using Floe.Common.Columnar;

namespace Floe.Mixed.Writing;

/// <summary>
/// Copies chosen rows of a vector into another of the same type (nested columns included): the kernel that splits a
/// batch per partition and bucket node and picks the winning rows of a merge. Spans in, spans out; no object per value.
/// </summary>
internal static class BatchGather
{
    /// <summary>A new vector with the rows of <paramref name="source"/> listed in <paramref name="rows"/>.</summary>
    public static ColumnVector Take(ColumnVector source, ReadOnlySpan<int> rows)
    {
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
            case PrimitiveVector<bool> s: Values(s, rows, (PrimitiveVector<bool>)destination); break;
            case PrimitiveVector<int> s: Values(s, rows, (PrimitiveVector<int>)destination); break;
            case PrimitiveVector<long> s: Values(s, rows, (PrimitiveVector<long>)destination); break;
            case PrimitiveVector<float> s: Values(s, rows, (PrimitiveVector<float>)destination); break;
            case PrimitiveVector<double> s: Values(s, rows, (PrimitiveVector<double>)destination); break;
            case PrimitiveVector<Int128> s: Values(s, rows, (PrimitiveVector<Int128>)destination); break;
            case BinaryVector s: Binary(s, rows, (BinaryVector)destination); break;
            case FixedBinaryVector s: Fixed(s, rows, (FixedBinaryVector)destination); break;
            case StructVector s: Struct(s, rows, (StructVector)destination); break;
            case ListVector s: Nested(s.Offsets, rows, destination, s.Elements, null, ((ListVector)destination).Elements, null); break;
            case MapVector s: Nested(s.Offsets, rows, destination, s.Keys, s.Values, ((MapVector)destination).Keys, ((MapVector)destination).Values); break;
            default: throw new NotSupportedException($"no gather for {source.GetType().Name}");
        }

        Validity(source, rows, destination, start);
    }

    private static void Values<T>(PrimitiveVector<T> source, ReadOnlySpan<int> rows, PrimitiveVector<T> destination)
        where T : unmanaged
    {
        Span<T> slots = destination.AppendUninitialized(rows.Length);
        Span<T> values = source.Values;
        for (int i = 0; i < rows.Length; i++)
        {
            slots[i] = values[rows[i]];
        }
    }

    private static void Binary(BinaryVector source, ReadOnlySpan<int> rows, BinaryVector destination)
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

    private static void Fixed(FixedBinaryVector source, ReadOnlySpan<int> rows, FixedBinaryVector destination)
    {
        int width = source.ByteWidth;
        Span<byte> slots = destination.AppendUninitialized(rows.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            source.GetBytes(rows[i]).CopyTo(slots.Slice(i * width, width));
        }
    }

    private static void Struct(StructVector source, ReadOnlySpan<int> rows, StructVector destination)
    {
        for (int c = 0; c < source.Children.Count; c++)
        {
            Append(source.Child(c), rows, destination.Child(c));
        }

        destination.AppendRows(rows.Length);
    }

    /// <summary>Lists and maps: the listed rows' element ranges are gathered into the children.</summary>
    private static void Nested(
        ReadOnlySpan<int> offsets, ReadOnlySpan<int> rows, ColumnVector destination,
        ColumnVector firstChild, ColumnVector? secondChild, ColumnVector firstTarget, ColumnVector? secondTarget)
    {
        int elements = 0;
        foreach (int row in rows)
        {
            elements += offsets[row + 1] - offsets[row];
        }

        int[] elementRows = ArrayPool<int>.Shared.Rent(Math.Max(elements, 1));
        try
        {
            Span<int> ends = destination is ListVector list ? list.AppendUninitialized(rows.Length) : ((MapVector)destination).AppendUninitialized(rows.Length);
            int end = firstTarget.Length;
            int count = 0;
            for (int i = 0; i < rows.Length; i++)
            {
                int row = rows[i];
                for (int e = offsets[row]; e < offsets[row + 1]; e++)
                {
                    elementRows[count++] = e;
                }

                end += offsets[row + 1] - offsets[row];
                ends[i] = end;
            }

            Append(firstChild, elementRows.AsSpan(0, count), firstTarget);
            if (secondChild is not null)
            {
                Append(secondChild, elementRows.AsSpan(0, count), secondTarget!);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(elementRows);
        }
    }

    private static void Validity(ColumnVector source, ReadOnlySpan<int> rows, ColumnVector destination, int start)
    {
        if (!source.HasNulls)
        {
            return;
        }

        bool[] present = ArrayPool<bool>.Shared.Rent(Math.Max(rows.Length, 1));
        try
        {
            bool anyNull = false;
            for (int i = 0; i < rows.Length; i++)
            {
                bool valid = !source.IsNull(rows[i]);
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
            ArrayPool<bool>.Shared.Return(present);
        }
    }
}
