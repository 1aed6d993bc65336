using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Types;
using Floe.Table.Data.Columns;

namespace Floe.Table.Data.Reading;

/// <summary>
/// Turns a column read from a file into a column of the requested type: nested fields matched by id, fields the
/// file lacks filled with defaults or nulls, promoted types widened (int → long, float → double, wider decimals,
/// millisecond and microsecond timestamps to finer units). A column already of the requested type is reused as is.
/// </summary>
internal static class VectorProjection
{
    public static ColumnVector Project(ColumnVector source, ColumnField sourceField, NestedField expected, string path)
    {
        ColumnType expectedType = IcebergColumns.ToColumnType(expected.Type);
        if (source.Type.Equals(expectedType))
        {
            return source;
        }

        ColumnVector destination = ColumnVector.Create(expectedType, source.Length);
        try
        {
            AppendConverted(source, sourceField, destination, expected, path);
            return destination;
        }
        catch
        {
            destination.Dispose();
            throw;
        }
    }

    private static void AppendConverted(ColumnVector source, ColumnField sourceField, ColumnVector destination, NestedField expected, string path)
    {
        int start = destination.Length;
        int count = source.Length;
        switch (destination.Type.Kind)
        {
            case ColumnKind.Struct:
                AppendStruct(source, sourceField, (StructVector)destination, expected, path);
                break;
            case ColumnKind.List:
                AppendList(source, sourceField, (ListVector)destination, expected.Type.AsList(), path);
                break;
            case ColumnKind.Map:
                AppendMap(source, sourceField, (MapVector)destination, expected.Type.AsMap(), path);
                break;
            default:
                AppendPrimitive(source, destination, path);
                return; // values and validity copied
        }

        CopyValidity(source, destination, start, count);
    }

    private static void AppendStruct(ColumnVector source, ColumnField sourceField, StructVector destination, NestedField expected, string path)
    {
        if (source is not StructVector structSource)
        {
            throw Mismatch(path, source.Type, destination.Type);
        }

        IReadOnlyList<NestedField> fields = expected.Type.AsStruct().Fields;
        IReadOnlyList<ColumnField> sourceChildren = sourceField.Type.Children;
        for (int c = 0; c < fields.Count; c++)
        {
            NestedField child = fields[c];
            string childPath = $"{path}.{child.Name}";
            int index = IndexOfId(sourceChildren, child.Id);
            if (index < 0)
            {
                ColumnDefaults.Append(destination.Child(c), child, source.Length, childPath);
            }
            else
            {
                AppendConverted(structSource.Child(index), sourceChildren[index], destination.Child(c), child, childPath);
            }
        }

        destination.AppendRows(source.Length);
    }

    private static void AppendList(ColumnVector source, ColumnField sourceField, ListVector destination, ListType expected, string path)
    {
        if (source is not ListVector listSource)
        {
            throw Mismatch(path, source.Type, destination.Type);
        }

        int baseline = destination.Elements.Length;
        Span<int> ends = destination.AppendUninitialized(listSource.Length);
        ReadOnlySpan<int> offsets = listSource.Offsets;
        for (int i = 0; i < ends.Length; i++)
        {
            ends[i] = baseline + offsets[i + 1] - offsets[0];
        }

        AppendConverted(listSource.Elements, sourceField.Type.Children[0], destination.Elements, expected.ElementField, $"{path}.element");
    }

    private static void AppendMap(ColumnVector source, ColumnField sourceField, MapVector destination, MapType expected, string path)
    {
        if (source is not MapVector mapSource)
        {
            throw Mismatch(path, source.Type, destination.Type);
        }

        int baseline = destination.Keys.Length;
        Span<int> ends = destination.AppendUninitialized(mapSource.Length);
        ReadOnlySpan<int> offsets = mapSource.Offsets;
        for (int i = 0; i < ends.Length; i++)
        {
            ends[i] = baseline + offsets[i + 1] - offsets[0];
        }

        AppendConverted(mapSource.Keys, sourceField.Type.Children[0], destination.Keys, expected.KeyField, $"{path}.key");
        AppendConverted(mapSource.Values, sourceField.Type.Children[1], destination.Values, expected.ValueField, $"{path}.value");
    }

    private static void AppendPrimitive(ColumnVector source, ColumnVector destination, string path)
    {
        ColumnType from = source.Type;
        ColumnType to = destination.Type;
        int start = destination.Length;
        switch (source, destination)
        {
            case (PrimitiveVector<int> s, PrimitiveVector<long> d) when from.Kind == ColumnKind.Int32 && to.Kind == ColumnKind.Int64:
                Widen(s.Values, d.AppendUninitialized(s.Length));
                break;
            case (PrimitiveVector<float> s, PrimitiveVector<double> d):
                Span<double> doubles = d.AppendUninitialized(s.Length);
                for (int i = 0; i < doubles.Length; i++)
                {
                    doubles[i] = s.Values[i];
                }

                break;
            case (PrimitiveVector<long> s, PrimitiveVector<long> d) when from.Kind == ColumnKind.Timestamp && to.Kind == ColumnKind.Timestamp:
                long factor = TimestampFactor(from.Unit, to.Unit, path, from, to);
                Span<long> slots = d.AppendUninitialized(s.Length);
                for (int i = 0; i < slots.Length; i++)
                {
                    slots[i] = checked(s.Values[i] * factor);
                }

                break;
            case (PrimitiveVector<Int128>, PrimitiveVector<Int128>) when from.Scale == to.Scale && from.Precision <= to.Precision:
            case (BinaryVector, BinaryVector):
            case (FixedBinaryVector, FixedBinaryVector) when from.ByteWidth == to.ByteWidth:
            case (PrimitiveVector<bool>, PrimitiveVector<bool>):
            case (PrimitiveVector<int>, PrimitiveVector<int>) when from.Kind == to.Kind:
            case (PrimitiveVector<long>, PrimitiveVector<long>) when from.Kind == to.Kind:
            case (PrimitiveVector<float>, PrimitiveVector<float>):
            case (PrimitiveVector<double>, PrimitiveVector<double>):
                ColumnGather.AppendRange(source, 0, source.Length, destination);
                return;
            default:
                throw Mismatch(path, from, to);
        }

        CopyValidity(source, destination, start, source.Length);
    }

    private static long TimestampFactor(TimeUnit from, TimeUnit to, string path, ColumnType fromType, ColumnType toType) => (from, to) switch
    {
        _ when from == to => 1,
        (TimeUnit.Milliseconds, TimeUnit.Microseconds) => 1_000,
        (TimeUnit.Milliseconds, TimeUnit.Nanoseconds) => 1_000_000,
        (TimeUnit.Microseconds, TimeUnit.Nanoseconds) => 1_000,
        _ => throw Mismatch(path, fromType, toType),
    };

    private static void Widen(ReadOnlySpan<int> source, Span<long> destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = source[i];
        }
    }

    private static void CopyValidity(ColumnVector source, ColumnVector destination, int start, int count)
    {
        if (!source.HasNulls)
        {
            return;
        }

        bool[] present = System.Buffers.ArrayPool<bool>.Shared.Rent(count);
        try
        {
            ReadOnlySpan<ulong> words = source.ValidityWords;
            for (int i = 0; i < count; i++)
            {
                present[i] = (words[i >> 6] & (1UL << i)) != 0;
            }

            destination.SetValidity(start, present.AsSpan(0, count));
        }
        finally
        {
            System.Buffers.ArrayPool<bool>.Shared.Return(present);
        }
    }

    private static int IndexOfId(IReadOnlyList<ColumnField> fields, int id)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            if (fields[i].FieldId == id)
            {
                return i;
            }
        }

        return -1;
    }

    private static FloeException Mismatch(string path, ColumnType from, ColumnType to) =>
        new(FloeErrorKind.InvalidData, $"column '{path}' is {from} in the file and cannot be read as {to}");
}
