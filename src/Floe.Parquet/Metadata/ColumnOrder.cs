using Floe.Parquet.Thrift;

namespace Floe.Parquet.Metadata;

/// <summary>Which union member of <c>ColumnOrder</c> is set.</summary>
public enum ColumnOrderKind
{
    /// <summary>The sort order defined by the column's logical type (field 1); what writers use today.</summary>
    TypeDefinedOrder = 1,
    Ieee754TotalOrder = 2,
    Int96TimestampOrder = 3,
}

/// <summary>The sort order used for a column's min/max statistics (the Thrift <c>ColumnOrder</c> union).</summary>
public sealed record ColumnOrder(ColumnOrderKind Kind)
{
    public static ColumnOrder TypeDefined { get; } = new(ColumnOrderKind.TypeDefinedOrder);

    public static ColumnOrder Read(ref ThriftCompactReader reader)
    {
        int start = reader.Position;
        int? kind = null;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out ThriftType type, out short id))
        {
            if (type == ThriftType.Struct && kind is null)
            {
                kind = id;
            }

            reader.Skip(type);
        }

        reader.EndStruct(token);
        return new ColumnOrder((ColumnOrderKind)(kind ?? throw reader.Error("ColumnOrder union has no member set", start)));
    }

    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.BeginStructField((short)Kind);
        writer.EndStruct();
        writer.EndStruct();
    }
}
