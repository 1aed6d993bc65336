using Floe.Parquet.Thrift;

namespace Floe.Parquet.Metadata;

/// <summary>A horizontal slice of the file: one column chunk per leaf column.</summary>
public sealed class RowGroup
{
    public List<ColumnChunk> Columns { get; set; } = [];

    /// <summary>Total uncompressed bytes of all column data.</summary>
    public long TotalByteSize { get; set; }

    public long NumRows { get; set; }

    public List<SortingColumn>? SortingColumns { get; set; }

    /// <summary>Byte offset of the row group's first page.</summary>
    public long? FileOffset { get; set; }

    public long? TotalCompressedSize { get; set; }

    public short? Ordinal { get; set; }

    public static RowGroup Read(ref ThriftCompactReader reader)
    {
        var group = new RowGroup();
        bool hasColumns = false;
        bool hasRows = false;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.List:
                    group.Columns = ThriftLists.Read(ref reader, ThriftType.Struct, ColumnChunk.Read, "RowGroup.columns");
                    hasColumns = true;
                    break;
                case 2 when type == ThriftType.I64:
                    group.TotalByteSize = reader.ReadI64();
                    break;
                case 3 when type == ThriftType.I64:
                    group.NumRows = reader.ReadI64();
                    hasRows = true;
                    break;
                case 4 when type == ThriftType.List:
                    group.SortingColumns = ThriftLists.Read(ref reader, ThriftType.Struct, SortingColumn.Read, "RowGroup.sorting_columns");
                    break;
                case 5 when type == ThriftType.I64:
                    group.FileOffset = reader.ReadI64();
                    break;
                case 6 when type == ThriftType.I64:
                    group.TotalCompressedSize = reader.ReadI64();
                    break;
                case 7 when type == ThriftType.I16:
                    group.Ordinal = reader.ReadI16();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        if (!hasColumns)
        {
            throw reader.MissingField(nameof(RowGroup), "columns", 1);
        }

        if (!hasRows)
        {
            throw reader.MissingField(nameof(RowGroup), "num_rows", 3);
        }

        return group;
    }

    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        ThriftLists.WriteStructs(writer, 1, Columns, static (c, w) => c.Write(w));
        writer.WriteI64Field(2, TotalByteSize);
        writer.WriteI64Field(3, NumRows);
        if (SortingColumns is not null)
        {
            ThriftLists.WriteStructs(writer, 4, SortingColumns, static (s, w) => s.Write(w));
        }

        if (FileOffset is long offset)
        {
            writer.WriteI64Field(5, offset);
        }

        if (TotalCompressedSize is long compressed)
        {
            writer.WriteI64Field(6, compressed);
        }

        if (Ordinal is short ordinal)
        {
            writer.WriteI16Field(7, ordinal);
        }

        writer.EndStruct();
    }
}
