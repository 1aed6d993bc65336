using Floe.Parquet.Thrift;

namespace Floe.Parquet.Metadata;

/// <summary>A column a row group is sorted by.</summary>
public sealed record SortingColumn(int ColumnIndex, bool Descending, bool NullsFirst)
{
    public static SortingColumn Read(ref ThriftCompactReader reader)
    {
        int? column = null;
        bool? descending = null;
        bool? nullsFirst = null;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32:
                    column = reader.ReadI32();
                    break;
                case 2 when type == ThriftType.Bool:
                    descending = reader.ReadBool();
                    break;
                case 3 when type == ThriftType.Bool:
                    nullsFirst = reader.ReadBool();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        return new SortingColumn(
            column ?? throw reader.MissingField(nameof(SortingColumn), "column_idx", 1),
            descending ?? throw reader.MissingField(nameof(SortingColumn), "descending", 2),
            nullsFirst ?? throw reader.MissingField(nameof(SortingColumn), "nulls_first", 3));
    }

    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.WriteI32Field(1, ColumnIndex);
        writer.WriteBoolField(2, Descending);
        writer.WriteBoolField(3, NullsFirst);
        writer.EndStruct();
    }
}
