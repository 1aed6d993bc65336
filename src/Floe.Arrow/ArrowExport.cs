using Apache.Arrow;
using Apache.Arrow.Types;
using Floe.Common.Columnar;

namespace Floe.Arrow;

/// <summary>
/// Turns column vectors into Arrow array data over the vectors' own buffers: each vector hands its pooled buffers
/// to the Arrow buffers (<see cref="ColumnVector.DetachBuffers"/>), which return them to the pool when the Arrow
/// array is disposed. Only booleans are copied, because vectors store them a byte each and Arrow a bit each.
/// </summary>
internal static class ArrowExport
{
    public static ArrayData Export(ColumnVector vector, IArrowType type)
    {
        // Children first: each Arrow buffer takes ownership of one detached buffer, so none is disposed here.
        ArrayData[] children = ExportChildren(vector, type);
        DetachedBuffers detached = vector.DetachBuffers();
        var buffers = new ArrowBuffer[1 + detached.Buffers.Count];
        buffers[0] = detached.Validity is null ? ArrowBuffer.Empty : AdoptedBuffers.Adopt(detached.Validity);
        if (vector.Type.Kind == ColumnKind.Boolean)
        {
            buffers[1] = PackBooleans(detached.Buffers[0].Memory.Span[..detached.Length]);
            detached.Buffers[0].Dispose();
        }
        else
        {
            for (int i = 0; i < detached.Buffers.Count; i++)
            {
                buffers[i + 1] = AdoptedBuffers.Adopt(detached.Buffers[i]);
            }
        }

        return new ArrayData(type, detached.Length, detached.NullCount, 0, buffers, children);
    }

    private static ArrayData[] ExportChildren(ColumnVector vector, IArrowType type)
    {
        switch (vector)
        {
            case StructVector s:
                var fields = ((StructType)type).Fields;
                var children = new ArrayData[s.Children.Count];
                for (int i = 0; i < children.Length; i++)
                {
                    children[i] = Export(s.Children[i], fields[i].DataType);
                }

                return children;
            case ListVector l:
                return [Export(l.Elements, ((ListType)type).ValueDataType)];
            case MapVector m:
                var map = (MapType)type;
                int entries = m.Keys.Length;
                ArrayData keys = Export(m.Keys, map.KeyField.DataType);
                ArrayData values = Export(m.Values, map.ValueField.DataType);
                return [new ArrayData(map.KeyValueType, entries, 0, 0, [ArrowBuffer.Empty], [keys, values])];
            default:
                return [];
        }
    }

    /// <summary>Packs a byte per boolean into Arrow's bit per boolean, least significant bit first.</summary>
    private static ArrowBuffer PackBooleans(ReadOnlySpan<byte> values)
    {
        byte[] bits = new byte[(values.Length + 7) >> 3];
        for (int i = 0; i < values.Length; i++)
        {
            bits[i >> 3] |= (byte)(values[i] << (i & 7));
        }

        return new ArrowBuffer(bits);
    }
}
