using System.Buffers.Binary;
using Floe.Common.Errors;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Parquet.Writing;

namespace Floe.Table.Data.Metrics;

/// <summary>
/// Turns the Parquet writer's file metrics into Iceberg metrics: keeps what each column's metrics mode allows,
/// converts bounds from Parquet's PLAIN form to Iceberg's single-value binary form and truncates them.
/// </summary>
public static class ParquetMetricsConverter
{
    public static FileMetrics Convert(ParquetFileMetrics parquet, Schema schema, MetricsConfig config)
    {
        ArgumentNullException.ThrowIfNull(parquet);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(config);
        var sizes = new Dictionary<int, long>();
        var values = new Dictionary<int, long>();
        var nulls = new Dictionary<int, long>();
        var nans = new Dictionary<int, long>();
        var lower = new Dictionary<int, byte[]>();
        var upper = new Dictionary<int, byte[]>();
        foreach (ParquetColumnMetrics column in parquet.Columns)
        {
            if (column.FieldId is not int id || schema.FindType(id) is not PrimitiveType type)
            {
                continue;
            }

            MetricsMode mode = config.ModeOf(id);
            if (mode.Kind == MetricsKind.None)
            {
                continue;
            }

            sizes[id] = column.CompressedSize;
            values[id] = column.ValueCount;
            nulls[id] = column.NullCount;
            if (column.NanCount is long nanCount)
            {
                nans[id] = nanCount;
            }

            // Values inside lists and maps get no bounds: a row's many values make them useless for pruning.
            if (!mode.HasBounds || column.IsRepeated)
            {
                continue;
            }

            if (column.LowerBound is { } min && ToIceberg(type, min, mode, upperBound: false) is { } lo)
            {
                lower[id] = lo;
            }

            if (column.UpperBound is { } max && ToIceberg(type, max, mode, upperBound: true) is { } hi)
            {
                upper[id] = hi;
            }
        }

        return new FileMetrics
        {
            RecordCount = parquet.RecordCount,
            FileSizeInBytes = parquet.FileSize,
            ColumnSizes = sizes,
            ValueCounts = values,
            NullValueCounts = nulls,
            NanValueCounts = nans,
            LowerBounds = lower,
            UpperBounds = upper,
            SplitOffsets = parquet.SplitOffsets,
        };
    }

    /// <summary>Converts one PLAIN-encoded bound of a column of <paramref name="type"/>; null when no valid bound remains.</summary>
    public static byte[]? ToIceberg(PrimitiveType type, byte[] plain, MetricsMode mode, bool upperBound)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(plain);
        switch (type.TypeId)
        {
            case TypeId.String when mode.Kind == MetricsKind.Truncate:
                return upperBound
                    ? BoundTruncation.TruncateStringUpper(plain, mode.TruncateLength)
                    : BoundTruncation.TruncateStringLower(plain, mode.TruncateLength);
            case TypeId.Binary when mode.Kind == MetricsKind.Truncate:
                return upperBound
                    ? BoundTruncation.TruncateBinaryUpper(plain, mode.TruncateLength)
                    : BoundTruncation.TruncateBinaryLower(plain, mode.TruncateLength);
            case TypeId.Decimal:
                return DecimalBound(type, plain);
            default:
                return plain;
        }
    }

    private static byte[] DecimalBound(PrimitiveType type, byte[] plain)
    {
        Int128 unscaled = plain.Length switch
        {
            4 when type.Precision <= 9 => BinaryPrimitives.ReadInt32LittleEndian(plain),
            8 when type.Precision <= 18 => BinaryPrimitives.ReadInt64LittleEndian(plain),
            _ when type.Precision > 18 && plain.Length is > 0 and <= 16 => SingleValueBinary.ReadDecimal(plain),
            _ => throw new FloeException(FloeErrorKind.InvalidData, $"a {type} bound of {plain.Length} bytes does not fit the column"),
        };
        var bytes = new byte[SingleValueBinary.DecimalByteCount(unscaled)];
        SingleValueBinary.WriteDecimal(unscaled, bytes);
        return bytes;
    }
}
