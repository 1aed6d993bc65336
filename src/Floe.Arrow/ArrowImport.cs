using System.Numerics;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using ArrowTimeUnit = Apache.Arrow.Types.TimeUnit;
using IcebergListType = Floe.Core.Types.ListType;
using IcebergMapType = Floe.Core.Types.MapType;
using IcebergStructType = Floe.Core.Types.StructType;
using IcebergType = Floe.Core.Types.IcebergType;
using NestedField = Floe.Core.Types.NestedField;
using PrimitiveType = Floe.Core.Types.PrimitiveType;
using TimeUnit = Floe.Common.Columnar.TimeUnit;

namespace Floe.Arrow;

/// <summary>
/// Appends rows of Arrow array data to column vectors of an Iceberg field's type. Values are copied a buffer at a
/// time into the vectors' pooled arrays (the vectors never hold Arrow's memory, so they never return it to Floe's
/// pool); only types whose layout differs (booleans, narrower integers, coarser time units, 64-bit offsets) are
/// converted value by value. Sliced arrays are read from their offset.
/// </summary>
internal static class ArrowImport
{
    private const long MillisecondsPerDay = 86_400_000;

    /// <summary>
    /// Appends rows <paramref name="index"/> .. <paramref name="index"/> + <paramref name="count"/> of
    /// <paramref name="data"/> (counted from the array's own offset) to <paramref name="target"/>.
    /// </summary>
    public static void Append(ColumnVector target, NestedField expected, Field source, ArrayData data, int index, int count, string path, bool checkRequired)
    {
        int start = target.Length;
        int nullsBefore = target.NullCount;
        int row = data.Offset + index;
        switch (expected.Type)
        {
            case IcebergStructType structType:
                AppendStruct((StructVector)target, structType, source, data, row, count, path);
                break;
            case IcebergListType listType:
                AppendList((ListVector)target, listType, source, data, row, count, path);
                break;
            case IcebergMapType mapType:
                AppendMap((MapVector)target, mapType, source, data, row, count, path);
                break;
            default:
                PrimitiveType actual = ArrowSchemas.LosslessPrimitive(source) ?? throw Mismatch(expected.Type, source, path);
                // A uuid may arrive as plain 16-byte fixed-size binary from a writer that drops extension metadata.
                if (!actual.Equals(expected.Type) && !(expected.Type.Equals(PrimitiveType.Uuid) && actual.Equals(PrimitiveType.Fixed(16))))
                {
                    throw Mismatch(expected.Type, source, path);
                }

                try
                {
                    AppendPrimitive(target, source.DataType, data, row, count);
                }
                catch (OverflowException)
                {
                    throw new FloeException(FloeErrorKind.InvalidArgument,
                        $"Column '{path}' holds Arrow {ArrowSchemas.Describe(source.DataType)} values beyond the range of Iceberg {expected.Type}.");
                }

                break;
        }

        if (!data.Buffers[0].IsEmpty && count > 0)
        {
            target.SetValidityBits(start, count, data.Buffers[0].Span, row);
            if (target is StructVector structVector)
            {
                NullChildrenOfNullStructs(structVector, start, count, data.Buffers[0].Span, row);
            }
        }

        if (checkRequired && expected.IsRequired && target.NullCount > nullsBefore)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Column '{path}' is required but the record batch holds {target.NullCount - nullsBefore} nulls in it.");
        }
    }

    public static FloeException Mismatch(IcebergType expected, Field source, string path) =>
        new(FloeErrorKind.InvalidArgument,
            $"Column '{path}' is {expected} in the schema but the record batch holds Arrow {ArrowSchemas.Describe(source.DataType)}.");

    /// <summary>The Arrow field matching an Iceberg field: the one carrying its field id, else the one of its name.</summary>
    public static int Find(IReadOnlyList<Field> fields, NestedField expected)
    {
        int byName = -1;
        for (int i = 0; i < fields.Count; i++)
        {
            if (ArrowSchemas.FieldId(fields[i]) == expected.Id)
            {
                return i;
            }

            if (byName < 0 && string.Equals(fields[i].Name, expected.Name, StringComparison.Ordinal))
            {
                byName = i;
            }
        }

        return byName;
    }

    private static void AppendStruct(StructVector target, IcebergStructType type, Field source, ArrayData data, int row, int count, string path)
    {
        if (source.DataType is not StructType arrowStruct)
        {
            throw Mismatch(type, source, path);
        }

        bool structHasNulls = !data.Buffers[0].IsEmpty && data.NullCount != 0;
        for (int i = 0; i < type.Fields.Count; i++)
        {
            NestedField field = type.Fields[i];
            string childPath = $"{path}.{field.Name}";
            int k = Find(arrowStruct.Fields, field);
            if (k >= 0)
            {
                // A struct's offset applies to its children as well.
                Append(target.Child(i), field, arrowStruct.Fields[k], data.Children[k], row, count, childPath, !structHasNulls);
            }
            else if (field.IsOptional)
            {
                target.Child(i).AppendNulls(count);
            }
            else
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Required column '{childPath}' is missing from the record batch.");
            }
        }

        target.AppendRows(count);
    }

    private static void AppendList(ListVector target, IcebergListType type, Field source, ArrayData data, int row, int count, string path)
    {
        Field element = source.DataType switch
        {
            ListType l => l.ValueField,
            LargeListType l => l.ValueField,
            _ => throw Mismatch(type, source, path),
        };
        (int first, int end) = AppendOffsets(target.AppendUninitialized(count), target.Elements.Length, data, row, count, path);
        Append(target.Elements, type.ElementField, element, data.Children[0], first, end - first, $"{path}.element", checkRequired: true);
    }

    private static void AppendMap(MapVector target, IcebergMapType type, Field source, ArrayData data, int row, int count, string path)
    {
        if (source.DataType is not MapType map)
        {
            throw Mismatch(type, source, path);
        }

        (int first, int end) = AppendOffsets(target.AppendUninitialized(count), target.Keys.Length, data, row, count, path);
        ArrayData entries = data.Children[0];
        int entry = entries.Offset + first;
        Append(target.Keys, type.KeyField, map.KeyField, entries.Children[0], entry, end - first, $"{path}.key", checkRequired: true);
        Append(target.Values, type.ValueField, map.ValueField, entries.Children[1], entry, end - first, $"{path}.value", checkRequired: true);
    }

    /// <summary>Fills list or map end offsets from Arrow's 32- or 64-bit offsets; returns the child range the rows span.</summary>
    private static (int First, int End) AppendOffsets(Span<int> ends, int childStart, ArrayData data, int row, int count, string path)
    {
        if (count == 0)
        {
            return (0, 0);
        }

        if (data.DataType is LargeListType)
        {
            ReadOnlySpan<long> large = MemoryMarshal.Cast<byte, long>(data.Buffers[1].Span).Slice(row, count + 1);
            if (large[count] > int.MaxValue)
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Column '{path}' has more than {int.MaxValue} list elements.");
            }

            for (int i = 0; i < count; i++)
            {
                ends[i] = childStart + (int)(large[i + 1] - large[0]);
            }

            return ((int)large[0], (int)large[count]);
        }

        ReadOnlySpan<int> offsets = MemoryMarshal.Cast<byte, int>(data.Buffers[1].Span).Slice(row, count + 1);
        int first = offsets[0];
        for (int i = 0; i < count; i++)
        {
            ends[i] = childStart + (offsets[i + 1] - first);
        }

        return (first, offsets[count]);
    }

    private static void AppendPrimitive(ColumnVector target, IArrowType type, ArrayData data, int row, int count)
    {
        if (count == 0)
        {
            return;
        }

        ReadOnlySpan<byte> values = data.Buffers[1].Span;
        switch (type)
        {
            case BooleanType:
                Span<bool> slots = ((PrimitiveVector<bool>)target).AppendUninitialized(count);
                for (int i = 0; i < count; i++)
                {
                    int bit = row + i;
                    slots[i] = ((values[bit >> 3] >> (bit & 7)) & 1) != 0;
                }

                break;
            case Int8Type: Widen<sbyte, int>(target, values, row, count); break;
            case Int16Type: Widen<short, int>(target, values, row, count); break;
            case UInt8Type: Widen<byte, int>(target, values, row, count); break;
            case UInt16Type: Widen<ushort, int>(target, values, row, count); break;
            case UInt32Type: Widen<uint, long>(target, values, row, count); break;
            case Int32Type or Date32Type: Copy<int>(target, values, row, count); break;
            case Int64Type: Copy<long>(target, values, row, count); break;
            case FloatType: Copy<float>(target, values, row, count); break;
            case DoubleType: Copy<double>(target, values, row, count); break;
            case Decimal128Type: Copy<Int128>(target, values, row, count); break;
            case Date64Type:
                ReadOnlySpan<long> millis = MemoryMarshal.Cast<byte, long>(values).Slice(row, count);
                Span<int> days = ((PrimitiveVector<int>)target).AppendUninitialized(count);
                for (int i = 0; i < count; i++)
                {
                    (long day, long rest) = Math.DivRem(millis[i], MillisecondsPerDay);
                    days[i] = checked((int)(rest < 0 ? day - 1 : day));
                }

                break;
            case Time32Type time32:
                Scale<int>(target, values, row, count, time32.Unit == ArrowTimeUnit.Second ? 1_000_000 : 1_000);
                break;
            case Time64Type:
                Copy<long>(target, values, row, count);
                break;
            case TimestampType timestamp:
                Scale<long>(target, values, row, count, TimestampFactor(timestamp.Unit, target.Type.Unit));
                break;
            case StringType or BinaryType:
                AppendBinary<int>((BinaryVector)target, values, data.Buffers[2].Span, row, count);
                break;
            case LargeStringType or LargeBinaryType:
                AppendBinary<long>((BinaryVector)target, values, data.Buffers[2].Span, row, count);
                break;
            case FixedSizeBinaryType fixedType:
                values.Slice(row * fixedType.ByteWidth, count * fixedType.ByteWidth)
                    .CopyTo(((FixedBinaryVector)target).AppendUninitialized(count));
                break;
            default:
                throw new InvalidOperationException($"no import for Arrow {type.Name}");
        }
    }

    private static long TimestampFactor(ArrowTimeUnit from, TimeUnit to)
    {
        long fromPerSecond = from switch
        {
            ArrowTimeUnit.Second => 1,
            ArrowTimeUnit.Millisecond => 1_000,
            ArrowTimeUnit.Microsecond => 1_000_000,
            _ => 1_000_000_000,
        };
        long toPerSecond = to == TimeUnit.Nanoseconds ? 1_000_000_000 : 1_000_000;
        return toPerSecond / fromPerSecond;
    }

    private static void Copy<T>(ColumnVector target, ReadOnlySpan<byte> values, int row, int count)
        where T : unmanaged =>
        MemoryMarshal.Cast<byte, T>(values).Slice(row, count).CopyTo(((PrimitiveVector<T>)target).AppendUninitialized(count));

    private static void Widen<TFrom, TTo>(ColumnVector target, ReadOnlySpan<byte> values, int row, int count)
        where TFrom : unmanaged, INumberBase<TFrom>
        where TTo : unmanaged, INumberBase<TTo>
    {
        ReadOnlySpan<TFrom> from = MemoryMarshal.Cast<byte, TFrom>(values).Slice(row, count);
        Span<TTo> to = ((PrimitiveVector<TTo>)target).AppendUninitialized(count);
        for (int i = 0; i < count; i++)
        {
            to[i] = TTo.CreateTruncating(from[i]);
        }
    }

    private static void Scale<TFrom>(ColumnVector target, ReadOnlySpan<byte> values, int row, int count, long factor)
        where TFrom : unmanaged, IBinaryInteger<TFrom>
    {
        if (factor == 1 && typeof(TFrom) == typeof(long))
        {
            Copy<long>(target, values, row, count);
            return;
        }

        ReadOnlySpan<TFrom> from = MemoryMarshal.Cast<byte, TFrom>(values).Slice(row, count);
        Span<long> to = ((PrimitiveVector<long>)target).AppendUninitialized(count);
        for (int i = 0; i < count; i++)
        {
            to[i] = checked(long.CreateTruncating(from[i]) * factor);
        }
    }

    private static void AppendBinary<TOffset>(BinaryVector target, ReadOnlySpan<byte> offsetBytes, ReadOnlySpan<byte> data, int row, int count)
        where TOffset : unmanaged, IBinaryInteger<TOffset>
    {
        ReadOnlySpan<TOffset> offsets = MemoryMarshal.Cast<byte, TOffset>(offsetBytes).Slice(row, count + 1);
        long first = long.CreateTruncating(offsets[0]);
        int byteCount = checked((int)(long.CreateTruncating(offsets[count]) - first));
        target.AppendUninitialized(count, byteCount, out Span<int> ends, out Span<byte> bytes, out int dataStart);
        data.Slice((int)first, byteCount).CopyTo(bytes);
        for (int i = 0; i < count; i++)
        {
            ends[i] = dataStart + (int)(long.CreateTruncating(offsets[i + 1]) - first);
        }
    }

    /// <summary>Gives every child of a null struct row a null, as Floe's struct vectors expect.</summary>
    private static void NullChildrenOfNullStructs(StructVector target, int start, int count, ReadOnlySpan<byte> bitmap, int row)
    {
        foreach (ColumnVector child in target.Children)
        {
            child.SetValidityBits(start, count, bitmap, row);
            if (child is StructVector nested)
            {
                NullChildrenOfNullStructs(nested, start, count, bitmap, row);
            }
        }
    }
}
