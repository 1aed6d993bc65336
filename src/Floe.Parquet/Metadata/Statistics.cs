using Floe.Parquet.Thrift;

namespace Floe.Parquet.Metadata;

/// <summary>
/// Column chunk or page statistics. <see cref="MinValue"/>/<see cref="MaxValue"/> (fields 6/5) use the column's
/// sort order; the deprecated <see cref="Min"/>/<see cref="Max"/> (fields 2/1) used signed byte order and are only
/// trustworthy for types whose order does not depend on signedness. Values are PLAIN-encoded without length prefix.
/// </summary>
public sealed class Statistics
{
    /// <summary>Deprecated maximum (field 1).</summary>
    public byte[]? Max { get; set; }

    /// <summary>Deprecated minimum (field 2).</summary>
    public byte[]? Min { get; set; }

    public long? NullCount { get; set; }

    public long? DistinctCount { get; set; }

    /// <summary>Maximum in the column's sort order (field 5).</summary>
    public byte[]? MaxValue { get; set; }

    /// <summary>Minimum in the column's sort order (field 6).</summary>
    public byte[]? MinValue { get; set; }

    public bool? IsMaxValueExact { get; set; }

    public bool? IsMinValueExact { get; set; }

    public long? NanCount { get; set; }

    public static Statistics Read(ref ThriftCompactReader reader)
    {
        var stats = new Statistics();
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.Binary:
                    stats.Max = reader.ReadBinaryArray();
                    break;
                case 2 when type == ThriftType.Binary:
                    stats.Min = reader.ReadBinaryArray();
                    break;
                case 3 when type == ThriftType.I64:
                    stats.NullCount = reader.ReadI64();
                    break;
                case 4 when type == ThriftType.I64:
                    stats.DistinctCount = reader.ReadI64();
                    break;
                case 5 when type == ThriftType.Binary:
                    stats.MaxValue = reader.ReadBinaryArray();
                    break;
                case 6 when type == ThriftType.Binary:
                    stats.MinValue = reader.ReadBinaryArray();
                    break;
                case 7 when type == ThriftType.Bool:
                    stats.IsMaxValueExact = reader.ReadBool();
                    break;
                case 8 when type == ThriftType.Bool:
                    stats.IsMinValueExact = reader.ReadBool();
                    break;
                case 9 when type == ThriftType.I64:
                    stats.NanCount = reader.ReadI64();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        return stats;
    }

    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        if (Max is not null)
        {
            writer.WriteBinaryField(1, Max);
        }

        if (Min is not null)
        {
            writer.WriteBinaryField(2, Min);
        }

        if (NullCount is long nulls)
        {
            writer.WriteI64Field(3, nulls);
        }

        if (DistinctCount is long distinct)
        {
            writer.WriteI64Field(4, distinct);
        }

        if (MaxValue is not null)
        {
            writer.WriteBinaryField(5, MaxValue);
        }

        if (MinValue is not null)
        {
            writer.WriteBinaryField(6, MinValue);
        }

        if (IsMaxValueExact is bool maxExact)
        {
            writer.WriteBoolField(7, maxExact);
        }

        if (IsMinValueExact is bool minExact)
        {
            writer.WriteBoolField(8, minExact);
        }

        if (NanCount is long nans)
        {
            writer.WriteI64Field(9, nans);
        }

        writer.EndStruct();
    }
}
