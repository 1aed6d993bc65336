using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Floe.Parquet.Thrift;

/// <summary>
/// Writes the Thrift compact protocol into an <see cref="IBufferWriter{T}"/> (for example a pooled buffer).
/// Structs are written as <see cref="BeginStruct"/>, field writes in increasing id order where possible, then
/// <see cref="EndStruct"/> (which writes the stop byte).
/// </summary>
public sealed class ThriftCompactWriter
{
    private readonly IBufferWriter<byte> _output;
    private readonly Stack<short> _savedFieldIds = new();
    private short _lastFieldId;

    public ThriftCompactWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>Starts a struct value (top-level, list element, or after <see cref="WriteFieldHeader"/>).</summary>
    public void BeginStruct()
    {
        _savedFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    /// <summary>Writes the stop field and returns to the enclosing struct.</summary>
    public void EndStruct()
    {
        WriteRawByte(0);
        _lastFieldId = _savedFieldIds.Pop();
    }

    /// <summary>Writes a field header; follow it with the value (for booleans use <see cref="WriteBoolField"/>).</summary>
    public void WriteFieldHeader(short fieldId, ThriftType type)
    {
        if (type == ThriftType.Bool)
        {
            throw new ArgumentException("boolean fields carry their value in the header; use WriteBoolField", nameof(type));
        }

        WriteHeader(fieldId, (byte)type);
    }

    public void WriteBoolField(short fieldId, bool value) => WriteHeader(fieldId, value ? (byte)1 : (byte)2);

    public void WriteI32Field(short fieldId, int value)
    {
        WriteFieldHeader(fieldId, ThriftType.I32);
        WriteI32(value);
    }

    public void WriteI64Field(short fieldId, long value)
    {
        WriteFieldHeader(fieldId, ThriftType.I64);
        WriteI64(value);
    }

    public void WriteI16Field(short fieldId, short value)
    {
        WriteFieldHeader(fieldId, ThriftType.I16);
        WriteI16(value);
    }

    public void WriteByteField(short fieldId, sbyte value)
    {
        WriteFieldHeader(fieldId, ThriftType.Byte);
        WriteByte(value);
    }

    public void WriteDoubleField(short fieldId, double value)
    {
        WriteFieldHeader(fieldId, ThriftType.Double);
        WriteDouble(value);
    }

    public void WriteBinaryField(short fieldId, ReadOnlySpan<byte> value)
    {
        WriteFieldHeader(fieldId, ThriftType.Binary);
        WriteBinary(value);
    }

    public void WriteStringField(short fieldId, string value)
    {
        WriteFieldHeader(fieldId, ThriftType.Binary);
        WriteString(value);
    }

    /// <summary>Writes a struct field's header and enters the struct; close it with <see cref="EndStruct"/>.</summary>
    public void BeginStructField(short fieldId)
    {
        WriteFieldHeader(fieldId, ThriftType.Struct);
        BeginStruct();
    }

    /// <summary>Writes a list field's header; then write <paramref name="count"/> elements.</summary>
    public void WriteListField(short fieldId, ThriftType elementType, int count)
    {
        WriteFieldHeader(fieldId, ThriftType.List);
        WriteListHeader(elementType, count);
    }

    /// <summary>Writes a list header (elements follow).</summary>
    public void WriteListHeader(ThriftType elementType, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count < 15)
        {
            WriteRawByte((byte)((count << 4) | (byte)elementType));
        }
        else
        {
            WriteRawByte((byte)(0xF0 | (byte)elementType));
            WriteVarint((uint)count);
        }
    }

    /// <summary>Writes a map header (entries follow as key, value, key, value...).</summary>
    public void WriteMapHeader(ThriftType keyType, ThriftType valueType, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        WriteVarint((uint)count);
        if (count > 0)
        {
            WriteRawByte((byte)(((byte)keyType << 4) | (byte)valueType));
        }
    }

    /// <summary>Writes a boolean list element (one byte: 1 true, 2 false).</summary>
    public void WriteBool(bool value) => WriteRawByte(value ? (byte)1 : (byte)2);

    public void WriteByte(sbyte value) => WriteRawByte((byte)value);

    public void WriteI16(short value) => WriteVarint(ZigZag(value));

    public void WriteI32(int value) => WriteVarint(ZigZag(value));

    public void WriteI64(long value) => WriteVarint(ZigZag(value));

    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_output.GetSpan(8), value);
        _output.Advance(8);
    }

    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteVarint((uint)value.Length);
        value.CopyTo(_output.GetSpan(value.Length));
        _output.Advance(value.Length);
    }

    public void WriteString(string value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        WriteVarint((uint)length);
        int written = Encoding.UTF8.GetBytes(value, _output.GetSpan(length));
        _output.Advance(written);
    }

    private void WriteHeader(short fieldId, byte typeCode)
    {
        int delta = fieldId - _lastFieldId;
        if (delta is > 0 and <= 15)
        {
            WriteRawByte((byte)((delta << 4) | typeCode));
        }
        else
        {
            WriteRawByte(typeCode);
            WriteI16(fieldId);
        }

        _lastFieldId = fieldId;
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private void WriteRawByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }

    private void WriteVarint(ulong value)
    {
        Span<byte> span = _output.GetSpan(10);
        int i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _output.Advance(i);
    }
}
