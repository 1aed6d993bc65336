using Floe.Parquet.Thrift;

namespace Floe.Parquet.Metadata;

/// <summary>One column's data within a row group.</summary>
public sealed class ColumnChunk
{
    /// <summary>Set when the chunk lives in another file (not supported for reading).</summary>
    public string? FilePath { get; set; }

    /// <summary>Deprecated offset of the column metadata; writers set it to 0 or the chunk start.</summary>
    public long FileOffset { get; set; }

    /// <summary>The chunk's metadata; absent only when it is encrypted.</summary>
    public ColumnMetaData? MetaData { get; set; }

    public long? OffsetIndexOffset { get; set; }

    public int? OffsetIndexLength { get; set; }

    public long? ColumnIndexOffset { get; set; }

    public int? ColumnIndexLength { get; set; }

    /// <summary>True when the chunk carried crypto metadata (field 8); its data cannot be read without keys.</summary>
    public bool IsEncrypted { get; set; }

    public static ColumnChunk Read(ref ThriftCompactReader reader)
    {
        var chunk = new ColumnChunk();
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.Binary:
                    chunk.FilePath = reader.ReadString();
                    break;
                case 2 when type == ThriftType.I64:
                    chunk.FileOffset = reader.ReadI64();
                    break;
                case 3 when type == ThriftType.Struct:
                    chunk.MetaData = ColumnMetaData.Read(ref reader);
                    break;
                case 4 when type == ThriftType.I64:
                    chunk.OffsetIndexOffset = reader.ReadI64();
                    break;
                case 5 when type == ThriftType.I32:
                    chunk.OffsetIndexLength = reader.ReadI32();
                    break;
                case 6 when type == ThriftType.I64:
                    chunk.ColumnIndexOffset = reader.ReadI64();
                    break;
                case 7 when type == ThriftType.I32:
                    chunk.ColumnIndexLength = reader.ReadI32();
                    break;
                case 8:
                case 9:
                    chunk.IsEncrypted = true;
                    reader.Skip(type);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        return chunk;
    }

    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        if (FilePath is not null)
        {
            writer.WriteStringField(1, FilePath);
        }

        writer.WriteI64Field(2, FileOffset);
        if (MetaData is not null)
        {
            writer.WriteFieldHeader(3, ThriftType.Struct);
            MetaData.Write(writer);
        }

        if (OffsetIndexOffset is long offsetIndex)
        {
            writer.WriteI64Field(4, offsetIndex);
        }

        if (OffsetIndexLength is int offsetIndexLength)
        {
            writer.WriteI32Field(5, offsetIndexLength);
        }

        if (ColumnIndexOffset is long columnIndex)
        {
            writer.WriteI64Field(6, columnIndex);
        }

        if (ColumnIndexLength is int columnIndexLength)
        {
            writer.WriteI32Field(7, columnIndexLength);
        }

        writer.EndStruct();
    }
}
