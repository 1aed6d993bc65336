using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Floe.Common.Columnar;
using Floe.Parquet.Writing.Levels;

namespace Floe.Parquet.Writing.Pages;

/// <summary>
/// Copies the present values of a striped leaf into a page's <see cref="PendingValues"/> in physical form.
/// Dense runs are copied in bulk; sparse values are gathered by row.
/// </summary>
internal static class ValueGatherer
{
    /// <summary>Appends values <paramref name="start"/>..start+count of <paramref name="stripe"/>.</summary>
    public static void Append(LeafStripe stripe, int start, int count, ValueKind kind, int width, PendingValues output)
    {
        if (count == 0)
        {
            return;
        }

        ColumnVector leaf = stripe.Leaf!;
        ReadOnlySpan<int> rows = stripe.ValuesAreDense ? default : stripe.ValueRows.Slice(start, count);
        int first = stripe.ValuesAreDense ? start : -1;
        switch (kind)
        {
            case ValueKind.Boolean:
                Copy(MemoryMarshal.AsBytes(((PrimitiveVector<bool>)leaf).Values), first, rows, count, output);
                break;
            case ValueKind.Int32:
                Copy<int>(((PrimitiveVector<int>)leaf).Values, first, rows, count, output);
                break;
            case ValueKind.Int64:
                Copy<long>(((PrimitiveVector<long>)leaf).Values, first, rows, count, output);
                break;
            case ValueKind.Float:
                Copy<float>(((PrimitiveVector<float>)leaf).Values, first, rows, count, output);
                break;
            case ValueKind.Double:
                Copy<double>(((PrimitiveVector<double>)leaf).Values, first, rows, count, output);
                break;
            case ValueKind.DecimalInt32:
                NarrowDecimals<int>(((PrimitiveVector<Int128>)leaf).Values, first, rows, count, output);
                break;
            case ValueKind.DecimalInt64:
                NarrowDecimals<long>(((PrimitiveVector<Int128>)leaf).Values, first, rows, count, output);
                break;
            case ValueKind.DecimalFixed:
                FixedDecimals(((PrimitiveVector<Int128>)leaf).Values, first, rows, count, width, output);
                break;
            case ValueKind.ByteArray:
                ByteStrings((BinaryVector)leaf, first, rows, count, output);
                break;
            case ValueKind.FixedBytes:
                var fixedVector = (FixedBinaryVector)leaf;
                if (first >= 0)
                {
                    output.Bytes.Write(fixedVector.Data.Slice(first * width, count * width));
                }
                else
                {
                    Span<byte> target = output.Bytes.GetSpan(count * width);
                    for (int i = 0; i < count; i++)
                    {
                        fixedVector.GetBytes(rows[i]).CopyTo(target.Slice(i * width, width));
                    }

                    output.Bytes.Advance(count * width);
                }

                output.AddFixed(count);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown value kind");
        }
    }

    private static void Copy<T>(ReadOnlySpan<T> values, int first, ReadOnlySpan<int> rows, int count, PendingValues output)
        where T : unmanaged
    {
        if (first >= 0)
        {
            output.Bytes.Write(MemoryMarshal.AsBytes(values.Slice(first, count)));
        }
        else
        {
            int bytes = count * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            Span<T> target = MemoryMarshal.Cast<byte, T>(output.Bytes.GetSpan(bytes)[..bytes]);
            for (int i = 0; i < count; i++)
            {
                target[i] = values[rows[i]];
            }

            output.Bytes.Advance(bytes);
        }

        output.AddFixed(count);
    }

    private static void NarrowDecimals<T>(ReadOnlySpan<Int128> values, int first, ReadOnlySpan<int> rows, int count, PendingValues output)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        int bytes = count * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        Span<T> target = MemoryMarshal.Cast<byte, T>(output.Bytes.GetSpan(bytes)[..bytes]);
        for (int i = 0; i < count; i++)
        {
            Int128 value = values[first >= 0 ? first + i : rows[i]];
            target[i] = T.CreateChecked(value);
        }

        output.Bytes.Advance(bytes);
        output.AddFixed(count);
    }

    private static void FixedDecimals(ReadOnlySpan<Int128> values, int first, ReadOnlySpan<int> rows, int count, int width, PendingValues output)
    {
        Span<byte> target = output.Bytes.GetSpan(count * width);
        Span<byte> full = stackalloc byte[16];
        for (int i = 0; i < count; i++)
        {
            Int128 value = values[first >= 0 ? first + i : rows[i]];
            BinaryPrimitives.WriteInt128BigEndian(full, value);
            full[(16 - width)..].CopyTo(target.Slice(i * width, width));
        }

        output.Bytes.Advance(count * width);
        output.AddFixed(count);
    }

    private static void ByteStrings(BinaryVector vector, int first, ReadOnlySpan<int> rows, int count, PendingValues output)
    {
        ReadOnlySpan<int> offsets = vector.Offsets;
        ReadOnlySpan<byte> data = vector.Data;
        int baseOffset = output.Bytes.WrittenCount;
        Span<int> ends = output.ReserveOffsets(count);
        if (first >= 0)
        {
            int from = offsets[first];
            int to = offsets[first + count];
            output.Bytes.Write(data[from..to]);
            int shift = baseOffset - from;
            for (int i = 0; i < count; i++)
            {
                ends[i] = offsets[first + i + 1] + shift;
            }

            return;
        }

        int total = 0;
        for (int i = 0; i < count; i++)
        {
            total += offsets[rows[i] + 1] - offsets[rows[i]];
        }

        Span<byte> target = output.Bytes.GetSpan(total);
        int position = 0;
        for (int i = 0; i < count; i++)
        {
            int row = rows[i];
            int length = offsets[row + 1] - offsets[row];
            data.Slice(offsets[row], length).CopyTo(target[position..]);
            position += length;
            ends[i] = baseOffset + position;
        }

        output.Bytes.Advance(total);
    }
}
