using Floe.Common.Errors;
using Floe.Parquet.Metadata;
using Floe.Parquet.Schemas;

namespace Floe.Parquet.Reading;

/// <summary>Picks the value reader for a leaf from its physical type and conversion.</summary>
internal static class LeafValueReaderFactory
{
    public static LeafValueReader Create(ColumnDescriptor column) => (column.PhysicalType, column.Conversion) switch
    {
        (PhysicalType.Boolean, _) => new BooleanValueReader(column),
        (PhysicalType.Int32, ValueConversion.None) => new FixedWidthValueReader<int, int, Identity<int>>(column),
        (PhysicalType.Int32, ValueConversion.UInt32ToInt64) => new FixedWidthValueReader<int, long, UInt32ToInt64>(column),
        (PhysicalType.Int32, ValueConversion.TimeMillisToMicros) => new FixedWidthValueReader<int, long, MillisToMicros>(column),
        (PhysicalType.Int32, ValueConversion.IntegerToDecimal) => new FixedWidthValueReader<int, Int128, Int32ToDecimal>(column),
        (PhysicalType.Int64, ValueConversion.None) => new FixedWidthValueReader<long, long, Identity<long>>(column),
        (PhysicalType.Int64, ValueConversion.TimeNanosToMicros) => new FixedWidthValueReader<long, long, NanosToMicros>(column),
        (PhysicalType.Int64, ValueConversion.IntegerToDecimal) => new FixedWidthValueReader<long, Int128, Int64ToDecimal>(column),
        (PhysicalType.Int96, _) => new FixedWidthValueReader<Int96Value, long, Int96ToNanos>(column),
        (PhysicalType.Float, _) => new FixedWidthValueReader<float, float, Identity<float>>(column),
        (PhysicalType.Double, _) => new FixedWidthValueReader<double, double, Identity<double>>(column),
        (PhysicalType.ByteArray or PhysicalType.FixedLenByteArray, ValueConversion.BytesToDecimal) => new DecimalBytesValueReader(column),
        (PhysicalType.ByteArray, ValueConversion.None) => new ByteArrayValueReader(column),
        (PhysicalType.FixedLenByteArray, ValueConversion.None) => new FixedLenValueReader(column),
        _ => throw new ParquetException(FloeErrorKind.Unsupported, $"column '{column.DottedPath}': {column.PhysicalType} with conversion {column.Conversion} cannot be read."),
    };
}
