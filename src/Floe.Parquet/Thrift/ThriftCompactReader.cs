using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Floe.Parquet.Thrift;

/// <summary>
/// Reads the Thrift compact protocol from a span. Every read is bounded by the span: varints are limited to their
/// type's width, lengths and element counts cannot exceed the bytes left, nesting is limited to
/// <see cref="MaxDepth"/> levels, and any violation throws a <see cref="ParquetException"/> naming the byte offset
/// (relative to <c>baseOffset</c>, e.g. the footer's position in the file).
/// </summary>
/// <remarks>
/// A struct is read as <c>var token = reader.BeginStruct(); while (reader.ReadFieldHeader(out type, out id)) { ... }
/// reader.EndStruct(token);</c>, calling <see cref="Skip"/> for fields that are unknown or have an unexpected type.
/// </remarks>
public ref struct ThriftCompactReader
{
    /// <summary>The default nesting limit; parquet.thrift needs fewer than 10 levels.</summary>
    public const int DefaultMaxDepth = 64;

    private const int NoPendingBool = -1;

    private readonly ReadOnlySpan<byte> _data;
    private readonly long _baseOffset;
    private int _position;
    private short _lastFieldId;
    private int _depth;
    private int _pendingBool;

    /// <summary>Starts reading <paramref name="data"/>; <paramref name="baseOffset"/> is added to offsets in error messages.</summary>
    public ThriftCompactReader(ReadOnlySpan<byte> data, long baseOffset = 0, int maxDepth = DefaultMaxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDepth);
        _data = data;
        _baseOffset = baseOffset;
        MaxDepth = maxDepth;
        _pendingBool = NoPendingBool;
    }

    /// <summary>How deeply structs, lists and maps may nest.</summary>
    public int MaxDepth { get; }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes not yet consumed.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>Enters a struct; pass the returned token to <see cref="EndStruct"/>.</summary>
    public short BeginStruct()
    {
        Enter();
        short saved = _lastFieldId;
        _lastFieldId = 0;
        return saved;
    }

    /// <summary>Leaves a struct entered with <see cref="BeginStruct"/> after its stop field was read.</summary>
    public void EndStruct(short token)
    {
        _lastFieldId = token;
        _depth--;
    }

    /// <summary>
    /// Reads the next field header of the current struct. Returns false at the stop field, which ends the struct.
    /// </summary>
    public bool ReadFieldHeader(out ThriftType type, out short fieldId)
    {
        int headerOffset = _position;
        byte header = ReadRawByte();
        if (header == 0)
        {
            type = ThriftType.Stop;
            fieldId = 0;
            return false;
        }

        type = ToType(header & 0x0F, headerOffset);
        int delta = header >> 4;
        if (delta == 0)
        {
            long id = ReadZigZag(16);
            fieldId = (short)id;
        }
        else
        {
            int id = _lastFieldId + delta;
            if (id > short.MaxValue)
            {
                throw Error($"field id {id} is out of range", headerOffset);
            }

            fieldId = (short)id;
        }

        _lastFieldId = fieldId;
        if (type == ThriftType.Bool)
        {
            _pendingBool = (header & 0x0F) == 1 ? 1 : 0;
        }

        return true;
    }

    /// <summary>Reads a boolean: a struct field's value from its header, or a one-byte list element.</summary>
    public bool ReadBool()
    {
        if (_pendingBool != NoPendingBool)
        {
            bool value = _pendingBool == 1;
            _pendingBool = NoPendingBool;
            return value;
        }

        return ReadRawByte() == 1;
    }

    public sbyte ReadByte() => (sbyte)ReadRawByte();

    public short ReadI16() => (short)ReadZigZag(16);

    public int ReadI32() => (int)ReadZigZag(32);

    public long ReadI64() => ReadZigZag(64);

    public double ReadDouble()
    {
        ReadOnlySpan<byte> bytes = Take(8, "double");
        return BinaryPrimitives.ReadDoubleLittleEndian(bytes);
    }

    /// <summary>Reads a length-prefixed byte string as a view into the input.</summary>
    public ReadOnlySpan<byte> ReadBinary()
    {
        int start = _position;
        ulong length = ReadVarint(32);
        if (length > (ulong)Remaining)
        {
            throw Error($"binary length {length} runs past the end of the data ({Remaining} bytes left)", start);
        }

        return Take((int)length, "binary");
    }

    /// <summary>Reads a length-prefixed byte string into a new array.</summary>
    public byte[] ReadBinaryArray() => ReadBinary().ToArray();

    /// <summary>Reads a length-prefixed UTF-8 string.</summary>
    public string ReadString()
    {
        int start = _position;
        ReadOnlySpan<byte> bytes = ReadBinary();
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new ParquetException($"Thrift: invalid UTF-8 in the string at byte {_baseOffset + start}.", ex);
        }
    }

    /// <summary>Reads a list (or set) header; the count is at most the bytes left, as every element takes a byte.</summary>
    public int ReadListHeader(out ThriftType elementType)
    {
        int start = _position;
        byte header = ReadRawByte();
        elementType = ToType(header & 0x0F, start);
        long count = header >> 4;
        if (count == 15)
        {
            count = (long)ReadVarint(32);
        }

        if (count > Remaining)
        {
            throw Error($"list of {count} elements cannot fit in the {Remaining} bytes left", start);
        }

        return (int)count;
    }

    /// <summary>Reads a map header; each entry takes at least two bytes.</summary>
    public int ReadMapHeader(out ThriftType keyType, out ThriftType valueType)
    {
        int start = _position;
        ulong count = ReadVarint(32);
        if (count == 0)
        {
            keyType = ThriftType.Stop;
            valueType = ThriftType.Stop;
            return 0;
        }

        if (count > (ulong)Remaining / 2)
        {
            throw Error($"map of {count} entries cannot fit in the {Remaining} bytes left", start);
        }

        int typesOffset = _position;
        byte types = ReadRawByte();
        keyType = ToType(types >> 4, typesOffset);
        valueType = ToType(types & 0x0F, typesOffset);
        return (int)count;
    }

    /// <summary>Skips a value of <paramref name="type"/>, including whole structs, lists and maps.</summary>
    public void Skip(ThriftType type)
    {
        switch (type)
        {
            case ThriftType.Bool:
                ReadBool();
                break;
            case ThriftType.Byte:
                ReadRawByte();
                break;
            case ThriftType.I16:
            case ThriftType.I32:
            case ThriftType.I64:
                ReadVarint(64);
                break;
            case ThriftType.Double:
                Take(8, "double");
                break;
            case ThriftType.Uuid:
                Take(16, "uuid");
                break;
            case ThriftType.Binary:
                ReadBinary();
                break;
            case ThriftType.Struct:
                short token = BeginStruct();
                while (ReadFieldHeader(out ThriftType fieldType, out _))
                {
                    Skip(fieldType);
                }

                EndStruct(token);
                break;
            case ThriftType.List:
            case ThriftType.Set:
                Enter();
                int count = ReadListHeader(out ThriftType elementType);
                for (int i = 0; i < count; i++)
                {
                    Skip(elementType);
                }

                _depth--;
                break;
            case ThriftType.Map:
                Enter();
                int entries = ReadMapHeader(out ThriftType keyType, out ThriftType valueType);
                for (int i = 0; i < entries; i++)
                {
                    Skip(keyType);
                    Skip(valueType);
                }

                _depth--;
                break;
            default:
                throw Error($"cannot skip a value of type {type}", _position);
        }
    }

    /// <summary>An exception for malformed data at <paramref name="offset"/> (relative to the span).</summary>
    public readonly ParquetException Error(string message, int offset) =>
        new($"Thrift: {message} at byte {_baseOffset + offset}.");

    /// <summary>An exception for a required field missing from <paramref name="structName"/>.</summary>
    public readonly ParquetException MissingField(string structName, string fieldName, int fieldId) =>
        new($"Thrift: {structName} is missing its required field '{fieldName}' ({fieldId}) before byte {_baseOffset + _position}.");

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw Error($"nesting deeper than {MaxDepth} levels", _position);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte ReadRawByte()
    {
        if ((uint)_position >= (uint)_data.Length)
        {
            throw Error($"unexpected end of data ({_data.Length} bytes)", _position);
        }

        return _data[_position++];
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > Remaining)
        {
            throw Error($"{what} of {count} bytes runs past the end of the data ({Remaining} bytes left)", _position);
        }

        ReadOnlySpan<byte> slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    private long ReadZigZag(int bits)
    {
        int start = _position;
        ulong raw = ReadVarint(bits);
        long value = (long)(raw >> 1) ^ -(long)(raw & 1);
        if (bits < 64)
        {
            long limit = 1L << (bits - 1);
            if (value < -limit || value >= limit)
            {
                throw Error($"integer {value} does not fit in {bits} bits", start);
            }
        }

        return value;
    }

    private ulong ReadVarint(int bits)
    {
        int start = _position;
        int maxBytes = (bits + 6) / 7;
        ulong result = 0;
        for (int i = 0; i < maxBytes; i++)
        {
            byte b = ReadRawByte();
            result |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                if (bits < 64 && (result >> bits) != 0)
                {
                    throw Error($"varint does not fit in {bits} bits", start);
                }

                return result;
            }
        }

        throw Error($"varint longer than {maxBytes} bytes", start);
    }

    private readonly ThriftType ToType(int code, int offset) => code switch
    {
        1 or 2 => ThriftType.Bool,
        >= 3 and <= 13 => (ThriftType)code,
        _ => throw Error($"unknown compact type code {code}", offset),
    };
}
