using Floe.Parquet.Thrift;

namespace Floe.Parquet.Metadata;

/// <summary>The file footer: schema, row groups and key-value metadata.</summary>
public sealed class FileMetaData
{
    public int Version { get; set; } = 1;

    /// <summary>The schema flattened depth-first; element 0 is the root group.</summary>
    public List<SchemaElement> Schema { get; set; } = [];

    public long NumRows { get; set; }

    public List<RowGroup> RowGroups { get; set; } = [];

    public List<KeyValue>? KeyValueMetadata { get; set; }

    /// <summary>The writing application, e.g. <c>parquet-mr version 1.13.1 (build ...)</c>.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>One sort order per leaf column, in leaf order.</summary>
    public List<ColumnOrder>? ColumnOrders { get; set; }

    /// <summary>True when the footer declared an encryption algorithm (field 8).</summary>
    public bool IsEncrypted { get; set; }

    /// <summary>Parses a serialized footer; <paramref name="baseOffset"/> is the footer's position for error messages.</summary>
    public static FileMetaData Parse(ReadOnlySpan<byte> footer, long baseOffset = 0)
    {
        var reader = new ThriftCompactReader(footer, baseOffset);
        return Read(ref reader);
    }

    public static FileMetaData Read(ref ThriftCompactReader reader)
    {
        var meta = new FileMetaData();
        bool hasVersion = false;
        bool hasSchema = false;
        bool hasRows = false;
        bool hasRowGroups = false;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32:
                    meta.Version = reader.ReadI32();
                    hasVersion = true;
                    break;
                case 2 when type == ThriftType.List:
                    meta.Schema = ThriftLists.Read(ref reader, ThriftType.Struct, SchemaElement.Read, "FileMetaData.schema");
                    hasSchema = true;
                    break;
                case 3 when type == ThriftType.I64:
                    meta.NumRows = reader.ReadI64();
                    hasRows = true;
                    break;
                case 4 when type == ThriftType.List:
                    meta.RowGroups = ThriftLists.Read(ref reader, ThriftType.Struct, RowGroup.Read, "FileMetaData.row_groups");
                    hasRowGroups = true;
                    break;
                case 5 when type == ThriftType.List:
                    meta.KeyValueMetadata = ThriftLists.Read(ref reader, ThriftType.Struct, KeyValue.Read, "FileMetaData.key_value_metadata");
                    break;
                case 6 when type == ThriftType.Binary:
                    meta.CreatedBy = reader.ReadString();
                    break;
                case 7 when type == ThriftType.List:
                    meta.ColumnOrders = ThriftLists.Read(ref reader, ThriftType.Struct, ColumnOrder.Read, "FileMetaData.column_orders");
                    break;
                case 8:
                    meta.IsEncrypted = true;
                    reader.Skip(type);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        if (!hasVersion)
        {
            throw reader.MissingField(nameof(FileMetaData), "version", 1);
        }

        if (!hasSchema)
        {
            throw reader.MissingField(nameof(FileMetaData), "schema", 2);
        }

        if (!hasRows)
        {
            throw reader.MissingField(nameof(FileMetaData), "num_rows", 3);
        }

        if (!hasRowGroups)
        {
            throw reader.MissingField(nameof(FileMetaData), "row_groups", 4);
        }

        return meta;
    }

    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.WriteI32Field(1, Version);
        ThriftLists.WriteStructs(writer, 2, Schema, static (e, w) => e.Write(w));
        writer.WriteI64Field(3, NumRows);
        ThriftLists.WriteStructs(writer, 4, RowGroups, static (g, w) => g.Write(w));
        if (KeyValueMetadata is not null)
        {
            ThriftLists.WriteStructs(writer, 5, KeyValueMetadata, static (kv, w) => kv.Write(w));
        }

        if (CreatedBy is not null)
        {
            writer.WriteStringField(6, CreatedBy);
        }

        if (ColumnOrders is not null)
        {
            ThriftLists.WriteStructs(writer, 7, ColumnOrders, static (o, w) => o.Write(w));
        }

        writer.EndStruct();
    }

    /// <summary>The value of the key-value metadata entry <paramref name="key"/>, or null.</summary>
    public string? GetMetadata(string key) =>
        KeyValueMetadata?.FirstOrDefault(kv => string.Equals(kv.Key, key, StringComparison.Ordinal))?.Value;
}
