using System.Runtime.InteropServices;
using Floe.Common.Columnar;
using Floe.Parquet.Writing.Pages;

namespace Floe.Parquet.Writing.Statistics;

/// <summary>Creates, feeds and serialises the statistics accumulator that fits a leaf's physical values.</summary>
internal static class StatisticsFactory
{
    public static StatisticsAccumulator Create(ValueKind kind) => kind switch
    {
        ValueKind.Boolean => new BooleanStatistics(),
        ValueKind.Int32 or ValueKind.DecimalInt32 => new IntegerStatistics<int>(),
        ValueKind.Int64 or ValueKind.DecimalInt64 => new IntegerStatistics<long>(),
        ValueKind.Float => new FloatingStatistics<float>(),
        ValueKind.Double => new FloatingStatistics<double>(),
        ValueKind.DecimalFixed => new ByteArrayStatistics(ByteOrdering.SignedBigEndian),
        ValueKind.ByteArray or ValueKind.FixedBytes => new ByteArrayStatistics(ByteOrdering.Unsigned),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown value kind"),
    };

    /// <summary>Folds a page's values into <paramref name="statistics"/>.</summary>
    public static void Update(StatisticsAccumulator statistics, ValueKind kind, PendingValues values, int width)
    {
        ReadOnlySpan<byte> bytes = values.Bytes.WrittenSpan;
        switch (statistics)
        {
            case BooleanStatistics booleans:
                booleans.Update(bytes);
                break;
            case IntegerStatistics<int> ints:
                ints.Update(MemoryMarshal.Cast<byte, int>(bytes));
                break;
            case IntegerStatistics<long> longs:
                longs.Update(MemoryMarshal.Cast<byte, long>(bytes));
                break;
            case FloatingStatistics<float> floats:
                floats.Update(MemoryMarshal.Cast<byte, float>(bytes));
                break;
            case FloatingStatistics<double> doubles:
                doubles.Update(MemoryMarshal.Cast<byte, double>(bytes));
                break;
            case ByteArrayStatistics strings when kind == ValueKind.ByteArray:
                strings.Update(values.Offsets, bytes);
                break;
            case ByteArrayStatistics fixedValues:
                fixedValues.UpdateFixed(bytes, width);
                break;
            default:
                throw new InvalidOperationException($"statistics {statistics.GetType().Name} do not fit {kind}");
        }
    }

    /// <summary>
    /// The Thrift statistics of a chunk: null count and, when any value was seen, min and max in PLAIN encoding,
    /// byte strings truncated to <paramref name="maxSize"/> bytes (a max with no valid truncation is left out).
    /// </summary>
    public static Metadata.Statistics ToThrift(StatisticsAccumulator statistics, LeafColumn leaf, int maxSize)
    {
        var result = new Metadata.Statistics { NullCount = statistics.NullCount };
        if (!statistics.HasBounds)
        {
            return result;
        }

        (byte[]? min, bool minExact, byte[]? max, bool maxExact) = Bounds(statistics, leaf, maxSize);
        result.MinValue = min;
        result.IsMinValueExact = minExact;
        if (max is not null)
        {
            result.MaxValue = max;
            result.IsMaxValueExact = maxExact;
        }

        return result;
    }

    /// <summary>The min and max as written: truncated for byte arrays longer than <paramref name="maxSize"/>.</summary>
    public static (byte[]? Min, bool MinExact, byte[]? Max, bool MaxExact) Bounds(StatisticsAccumulator statistics, LeafColumn leaf, int maxSize)
    {
        byte[] min = statistics.MinBytes();
        byte[] max = statistics.MaxBytes();
        if (leaf.ValueKind != ValueKind.ByteArray)
        {
            return (min, true, max, true);
        }

        bool utf8 = leaf.Field.Type.Kind == ColumnKind.String;
        byte[] truncatedMin = BoundTruncation.TruncateMin(min, maxSize, utf8);
        byte[]? truncatedMax = BoundTruncation.TruncateMax(max, maxSize, utf8);
        return (truncatedMin, truncatedMin.Length == min.Length, truncatedMax, truncatedMax is not null && truncatedMax.Length == max.Length && truncatedMax.AsSpan().SequenceEqual(max));
    }
}
