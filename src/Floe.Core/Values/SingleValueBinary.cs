using System.Buffers.Binary;
using System.Text;
using Floe.Common.Errors;
using Floe.Core.Types;

namespace Floe.Core.Values;

/// <summary>
/// The spec's binary single-value serialization (Appendix D), used for column bounds and partition summaries:
/// little-endian numbers, dates as int days, times and timestamps as long micros (or nanos), strings as UTF-8,
/// UUIDs as 16 big-endian bytes, fixed and binary raw, decimals as minimal two's-complement big-endian unscaled bytes.
/// </summary>
public static class SingleValueBinary
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>How many bytes <see cref="Write"/> produces for this value.</summary>
    public static int GetByteCount(Literal value) => value.TypeId switch
    {
        TypeId.Boolean => 1,
        TypeId.Int or TypeId.Date or TypeId.Float => 4,
        TypeId.Long or TypeId.Double or TypeId.Time or TypeId.Timestamp or TypeId.TimestampTz
            or TypeId.TimestampNs or TypeId.TimestampTzNs => 8,
        TypeId.Decimal => DecimalByteCount(value.DecimalUnscaled),
        TypeId.String => Encoding.UTF8.GetByteCount(value.AsString()),
        _ => value.AsBytes().Length,
    };

    /// <summary>Writes the value into <paramref name="destination"/> and returns the number of bytes written.</summary>
    /// <exception cref="FloeException">The value is null or the destination is too small.</exception>
    public static int Write(Literal value, Span<byte> destination)
    {
        if (value.IsNull)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "A null value has no single-value serialization.");
        }

        int count = GetByteCount(value);
        if (destination.Length < count)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Destination of {destination.Length} bytes cannot hold {count} bytes.");
        }

        switch (value.TypeId)
        {
            case TypeId.Boolean:
                destination[0] = value.AsBoolean() ? (byte)1 : (byte)0;
                break;
            case TypeId.Int or TypeId.Date:
                BinaryPrimitives.WriteInt32LittleEndian(destination, (int)value.RawBits);
                break;
            case TypeId.Float:
                BinaryPrimitives.WriteInt32LittleEndian(destination, (int)value.RawBits);
                break;
            case TypeId.Long or TypeId.Double or TypeId.Time or TypeId.Timestamp or TypeId.TimestampTz
                or TypeId.TimestampNs or TypeId.TimestampTzNs:
                BinaryPrimitives.WriteInt64LittleEndian(destination, value.RawBits);
                break;
            case TypeId.Decimal:
                WriteDecimal(value.DecimalUnscaled, destination[..count]);
                break;
            case TypeId.String:
                Encoding.UTF8.GetBytes(value.AsString(), destination);
                break;
            default:
                value.AsBytes().CopyTo(destination);
                break;
        }

        return count;
    }

    public static byte[] ToBytes(Literal value)
    {
        var bytes = new byte[GetByteCount(value)];
        Write(value, bytes);
        return bytes;
    }

    /// <summary>
    /// Reads a value of <paramref name="type"/>. A long or double column also accepts the 4-byte form written before the
    /// column was promoted from int or float.
    /// </summary>
    /// <exception cref="FloeException">The bytes do not encode a value of the type (kind InvalidData).</exception>
    public static Literal Read(PrimitiveType type, ReadOnlySpan<byte> bytes)
    {
        switch (type.TypeId)
        {
            case TypeId.Boolean:
                ExpectLength(type, bytes, 1);
                return Literal.Of(bytes[0] != 0);
            case TypeId.Int:
                ExpectLength(type, bytes, 4);
                return Literal.Of(BinaryPrimitives.ReadInt32LittleEndian(bytes));
            case TypeId.Long:
                if (bytes.Length == 4)
                {
                    return Literal.Of((long)BinaryPrimitives.ReadInt32LittleEndian(bytes));
                }

                ExpectLength(type, bytes, 8);
                return Literal.Of(BinaryPrimitives.ReadInt64LittleEndian(bytes));
            case TypeId.Float:
                ExpectLength(type, bytes, 4);
                return Literal.Of(BinaryPrimitives.ReadSingleLittleEndian(bytes));
            case TypeId.Double:
                if (bytes.Length == 4)
                {
                    return Literal.Of((double)BinaryPrimitives.ReadSingleLittleEndian(bytes));
                }

                ExpectLength(type, bytes, 8);
                return Literal.Of(BinaryPrimitives.ReadDoubleLittleEndian(bytes));
            case TypeId.Date:
                ExpectLength(type, bytes, 4);
                return Literal.OfDate(BinaryPrimitives.ReadInt32LittleEndian(bytes));
            case TypeId.Time:
                ExpectLength(type, bytes, 8);
                long micros = BinaryPrimitives.ReadInt64LittleEndian(bytes);
                if (micros is < 0 or >= DateTimeUtil.MicrosPerDay)
                {
                    throw new FloeException(FloeErrorKind.InvalidData, $"Invalid time value {micros} µs: outside one day.");
                }

                return Literal.OfTime(micros);
            case TypeId.Timestamp:
                ExpectLength(type, bytes, 8);
                return Literal.OfTimestamp(BinaryPrimitives.ReadInt64LittleEndian(bytes));
            case TypeId.TimestampTz:
                ExpectLength(type, bytes, 8);
                return Literal.OfTimestampTz(BinaryPrimitives.ReadInt64LittleEndian(bytes));
            case TypeId.TimestampNs:
                ExpectLength(type, bytes, 8);
                return Literal.OfTimestampNs(BinaryPrimitives.ReadInt64LittleEndian(bytes));
            case TypeId.TimestampTzNs:
                ExpectLength(type, bytes, 8);
                return Literal.OfTimestampTzNs(BinaryPrimitives.ReadInt64LittleEndian(bytes));
            case TypeId.Decimal:
                if (bytes.Length is 0 or > 16)
                {
                    throw new FloeException(FloeErrorKind.InvalidData,
                        $"Invalid {type} value: {bytes.Length} bytes, expected 1 to 16.");
                }

                return Literal.OfDecimal(ReadDecimal(bytes), type.Scale);
            case TypeId.String:
                try
                {
                    return Literal.Of(StrictUtf8.GetString(bytes));
                }
                catch (DecoderFallbackException e)
                {
                    throw new FloeException(FloeErrorKind.InvalidData, "Invalid string value: bytes are not valid UTF-8.", e);
                }

            case TypeId.Uuid:
                ExpectLength(type, bytes, 16);
                return Literal.OfUuid(bytes);
            case TypeId.Fixed:
                if (bytes.Length > type.Length)
                {
                    throw new FloeException(FloeErrorKind.InvalidData,
                        $"Invalid {type} value: {bytes.Length} bytes, expected at most {type.Length}.");
                }

                return Literal.OfFixed(bytes.ToArray());
            case TypeId.Binary:
                return Literal.OfBinary(bytes.ToArray());
            default:
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Type {type} has no single-value serialization.");
        }
    }

    /// <summary>Bytes of the minimal two's-complement form of a decimal's unscaled value.</summary>
    public static int DecimalByteCount(Int128 unscaled)
    {
        // Bits needed excluding the sign: for negatives count the bits of ~value.
        var magnitudeBits = unscaled < 0 ? ~unscaled : unscaled;
        int bits = 128 - (int)Int128.LeadingZeroCount(magnitudeBits) + 1;
        return (bits + 7) / 8;
    }

    /// <summary>Writes the big-endian two's-complement form of <paramref name="unscaled"/> into all of <paramref name="destination"/>.</summary>
    public static void WriteDecimal(Int128 unscaled, Span<byte> destination)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)unscaled;
            unscaled >>= 8;
        }
    }

    /// <summary>Reads a big-endian two's-complement integer of 1 to 16 bytes, sign-extended.</summary>
    public static Int128 ReadDecimal(ReadOnlySpan<byte> bytes)
    {
        Int128 value = (sbyte)bytes[0];
        for (int i = 1; i < bytes.Length; i++)
        {
            value = (value << 8) | bytes[i];
        }

        return value;
    }

    private static void ExpectLength(PrimitiveType type, ReadOnlySpan<byte> bytes, int expected)
    {
        if (bytes.Length != expected)
        {
            throw new FloeException(FloeErrorKind.InvalidData,
                $"Invalid {type} value: {bytes.Length} bytes, expected {expected}.");
        }
    }
}
