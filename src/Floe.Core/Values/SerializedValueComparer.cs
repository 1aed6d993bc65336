using System.Buffers.Binary;
using Floe.Common.Errors;
using Floe.Core.Types;

namespace Floe.Core.Values;

/// <summary>
/// Compares two values in their binary single-value form (column bounds) without materializing them, in Iceberg's
/// order: signed numbers, floats with -0.0 before 0.0 and NaN last, and unsigned bytes for strings (UTF-8 byte order
/// is code point order), UUIDs, fixed and binary.
/// </summary>
public static class SerializedValueComparer
{
    /// <exception cref="FloeException">A value has the wrong length for the type (kind InvalidData).</exception>
    public static int Compare(PrimitiveType type, ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        switch (type.TypeId)
        {
            case TypeId.Boolean:
                Expect(type, left, 1, right);
                return (left[0] != 0).CompareTo(right[0] != 0);
            case TypeId.Int or TypeId.Date:
                Expect(type, left, 4, right);
                return BinaryPrimitives.ReadInt32LittleEndian(left).CompareTo(BinaryPrimitives.ReadInt32LittleEndian(right));
            case TypeId.Long or TypeId.Time or TypeId.Timestamp or TypeId.TimestampTz or TypeId.TimestampNs or TypeId.TimestampTzNs:
                return ReadLong(type, left).CompareTo(ReadLong(type, right));
            case TypeId.Float:
                Expect(type, left, 4, right);
                return Literal.CompareDoubles(BinaryPrimitives.ReadSingleLittleEndian(left), BinaryPrimitives.ReadSingleLittleEndian(right));
            case TypeId.Double:
                return Literal.CompareDoubles(ReadDouble(type, left), ReadDouble(type, right));
            case TypeId.Decimal:
                // Both sides carry the column's scale, so comparing unscaled values is enough.
                return SingleValueBinary.Read(type, left).DecimalUnscaled.CompareTo(SingleValueBinary.Read(type, right).DecimalUnscaled);
            case TypeId.String or TypeId.Uuid or TypeId.Fixed or TypeId.Binary:
                return left.SequenceCompareTo(right);
            default:
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Type {type} has no single-value serialization.");
        }
    }

    // Bounds written before an int→long or float→double promotion are 4 bytes.
    private static long ReadLong(PrimitiveType type, ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        8 => BinaryPrimitives.ReadInt64LittleEndian(bytes),
        4 when type.TypeId == TypeId.Long => BinaryPrimitives.ReadInt32LittleEndian(bytes),
        _ => throw Invalid(type, bytes.Length),
    };

    private static double ReadDouble(PrimitiveType type, ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        8 => BinaryPrimitives.ReadDoubleLittleEndian(bytes),
        4 => BinaryPrimitives.ReadSingleLittleEndian(bytes),
        _ => throw Invalid(type, bytes.Length),
    };

    private static void Expect(PrimitiveType type, ReadOnlySpan<byte> left, int length, ReadOnlySpan<byte> right)
    {
        if (left.Length != length || right.Length != length)
        {
            throw Invalid(type, left.Length != length ? left.Length : right.Length);
        }
    }

    private static FloeException Invalid(PrimitiveType type, int length) =>
        new(FloeErrorKind.InvalidData, $"Invalid {type} value: {length} bytes.");
}
