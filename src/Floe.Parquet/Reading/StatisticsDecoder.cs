using System.Buffers.Binary;
using Floe.Common.Columnar;
using Floe.Parquet.Metadata;
using Floe.Parquet.Schemas;

namespace Floe.Parquet.Reading;

/// <summary>
/// Turns the PLAIN-encoded bounds of <see cref="Statistics"/> into columnar values. The modern
/// <c>min_value</c>/<c>max_value</c> are preferred; the deprecated <c>min</c>/<c>max</c> are used only for types whose
/// old signed ordering matches their real order. Malformed bounds are ignored rather than failing a read.
/// </summary>
public static class StatisticsDecoder
{
    public static ColumnStatistics? Decode(ColumnDescriptor column, ColumnMetaData meta)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(meta);
        Statistics? stats = meta.Statistics;
        if (stats is null)
        {
            return null;
        }

        byte[]? min = stats.MinValue;
        byte[]? max = stats.MaxValue;
        if ((min is null || max is null) && LegacyOrderIsValid(column))
        {
            min = stats.Min;
            max = stats.Max;
        }

        object? minValue = min is null ? null : DecodeValue(column, min);
        object? maxValue = max is null ? null : DecodeValue(column, max);
        if (IsUnsigned64(column) && (minValue is < 0L || maxValue is < 0L))
        {
            // Values past long.MaxValue wrap negative, so the bounds would lie.
            minValue = null;
            maxValue = null;
        }

        return new ColumnStatistics(column, minValue, maxValue, stats.NullCount, stats.DistinctCount, meta.NumValues);
    }

    /// <summary>Decodes one PLAIN value (without length prefix) of the column; null when it cannot be decoded.</summary>
    public static object? DecodeValue(ColumnDescriptor column, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(column);
        ColumnType type = column.Type;
        switch (column.PhysicalType)
        {
            case PhysicalType.Boolean when bytes.Length >= 1:
                return bytes[0] != 0;
            case PhysicalType.Int32 when bytes.Length == 4:
                int i32 = BinaryPrimitives.ReadInt32LittleEndian(bytes);
                return column.Conversion switch
                {
                    ValueConversion.UInt32ToInt64 => (object)(long)(uint)i32,
                    ValueConversion.TimeMillisToMicros => (object)(i32 * 1000L),
                    ValueConversion.IntegerToDecimal => (object)(Int128)i32,
                    _ => (object)i32,
                };
            case PhysicalType.Int64 when bytes.Length == 8:
                long i64 = BinaryPrimitives.ReadInt64LittleEndian(bytes);
                return column.Conversion switch
                {
                    ValueConversion.TimeNanosToMicros => (object)(i64 / 1000),
                    ValueConversion.IntegerToDecimal => (object)(Int128)i64,
                    _ => (object)i64,
                };
            case PhysicalType.Float when bytes.Length == 4:
                float f = BinaryPrimitives.ReadSingleLittleEndian(bytes);
                return float.IsNaN(f) ? null : f;
            case PhysicalType.Double when bytes.Length == 8:
                double d = BinaryPrimitives.ReadDoubleLittleEndian(bytes);
                return double.IsNaN(d) ? null : d;
            case PhysicalType.ByteArray or PhysicalType.FixedLenByteArray:
                return DecodeBytes(column, type, bytes);
            default:
                return null;
        }
    }

    private static object? DecodeBytes(ColumnDescriptor column, ColumnType type, ReadOnlySpan<byte> bytes)
    {
        if (column.PhysicalType == PhysicalType.FixedLenByteArray && bytes.Length != column.TypeLength)
        {
            return null;
        }

        return type.Kind switch
        {
            ColumnKind.String => System.Text.Encoding.UTF8.GetString(bytes),
            ColumnKind.Uuid => new Guid(bytes, bigEndian: true),
            ColumnKind.Decimal when bytes.Length <= 16 => DecimalBytes.ToInt128(bytes),
            ColumnKind.Decimal => null,
            _ => bytes.ToArray(),
        };
    }

    private static bool IsUnsigned64(ColumnDescriptor column) =>
        column.PhysicalType == PhysicalType.Int64
        && (column.LogicalType is IntType { IsSigned: false } || column.ConvertedType == ConvertedType.Uint64);

    private static bool LegacyOrderIsValid(ColumnDescriptor column)
    {
        bool unsigned = column.LogicalType is IntType { IsSigned: false }
            || column.ConvertedType is ConvertedType.Uint8 or ConvertedType.Uint16 or ConvertedType.Uint32 or ConvertedType.Uint64;
        return !unsigned && column.Conversion != ValueConversion.IntegerToDecimal && column.PhysicalType
            is PhysicalType.Boolean or PhysicalType.Int32 or PhysicalType.Int64 or PhysicalType.Float or PhysicalType.Double;
    }
}
