using Floe.Parquet.Compression;
using Floe.Parquet.Thrift;

namespace Floe.Parquet.Metadata;

/// <summary>What a column chunk holds and where its pages are.</summary>
public sealed class ColumnMetaData
{
    public PhysicalType Type { get; set; }

    /// <summary>Every encoding used by the chunk's pages, levels included.</summary>
    public List<Encoding> Encodings { get; set; } = [];

    /// <summary>The column's path from the root (excluded) to the leaf.</summary>
    public List<string> PathInSchema { get; set; } = [];

    public CompressionCodec Codec { get; set; }

    /// <summary>Number of values including nulls (level entries, not rows).</summary>
    public long NumValues { get; set; }

    public long TotalUncompressedSize { get; set; }

    /// <summary>Bytes of the chunk in the file, page headers included.</summary>
    public long TotalCompressedSize { get; set; }

    public List<KeyValue>? KeyValueMetadata { get; set; }

    public long DataPageOffset { get; set; }

    public long? IndexPageOffset { get; set; }

    public long? DictionaryPageOffset { get; set; }

    public Statistics? Statistics { get; set; }

    public List<PageEncodingStats>? EncodingStats { get; set; }

    public long? BloomFilterOffset { get; set; }

    public int? BloomFilterLength { get; set; }

    public static ColumnMetaData Read(ref ThriftCompactReader reader)
    {
        var meta = new ColumnMetaData();
        int seen = 0;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32:
                    meta.Type = (PhysicalType)reader.ReadI32();
                    seen |= 1 << 1;
                    break;
                case 2 when type == ThriftType.List:
                    meta.Encodings = ThriftLists.ReadEnums<Encoding>(ref reader, "ColumnMetaData.encodings");
                    seen |= 1 << 2;
                    break;
                case 3 when type == ThriftType.List:
                    meta.PathInSchema = ThriftLists.ReadStrings(ref reader, "ColumnMetaData.path_in_schema");
                    seen |= 1 << 3;
                    break;
                case 4 when type == ThriftType.I32:
                    meta.Codec = (CompressionCodec)reader.ReadI32();
                    seen |= 1 << 4;
                    break;
                case 5 when type == ThriftType.I64:
                    meta.NumValues = reader.ReadI64();
                    seen |= 1 << 5;
                    break;
                case 6 when type == ThriftType.I64:
                    meta.TotalUncompressedSize = reader.ReadI64();
                    seen |= 1 << 6;
                    break;
                case 7 when type == ThriftType.I64:
                    meta.TotalCompressedSize = reader.ReadI64();
                    seen |= 1 << 7;
                    break;
                case 8 when type == ThriftType.List:
                    meta.KeyValueMetadata = ThriftLists.Read(ref reader, ThriftType.Struct, KeyValue.Read, "ColumnMetaData.key_value_metadata");
                    break;
                case 9 when type == ThriftType.I64:
                    meta.DataPageOffset = reader.ReadI64();
                    seen |= 1 << 9;
                    break;
                case 10 when type == ThriftType.I64:
                    meta.IndexPageOffset = reader.ReadI64();
                    break;
                case 11 when type == ThriftType.I64:
                    meta.DictionaryPageOffset = reader.ReadI64();
                    break;
                case 12 when type == ThriftType.Struct:
                    meta.Statistics = Statistics.Read(ref reader);
                    break;
                case 13 when type == ThriftType.List:
                    meta.EncodingStats = ThriftLists.Read(ref reader, ThriftType.Struct, PageEncodingStats.Read, "ColumnMetaData.encoding_stats");
                    break;
                case 14 when type == ThriftType.I64:
                    meta.BloomFilterOffset = reader.ReadI64();
                    break;
                case 15 when type == ThriftType.I32:
                    meta.BloomFilterLength = reader.ReadI32();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        RequireFields(ref reader, seen);
        return meta;
    }

    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.WriteI32Field(1, (int)Type);
        ThriftLists.WriteEnums(writer, 2, Encodings);
        ThriftLists.WriteStrings(writer, 3, PathInSchema);
        writer.WriteI32Field(4, (int)Codec);
        writer.WriteI64Field(5, NumValues);
        writer.WriteI64Field(6, TotalUncompressedSize);
        writer.WriteI64Field(7, TotalCompressedSize);
        if (KeyValueMetadata is not null)
        {
            ThriftLists.WriteStructs(writer, 8, KeyValueMetadata, static (kv, w) => kv.Write(w));
        }

        writer.WriteI64Field(9, DataPageOffset);
        if (IndexPageOffset is long index)
        {
            writer.WriteI64Field(10, index);
        }

        if (DictionaryPageOffset is long dictionary)
        {
            writer.WriteI64Field(11, dictionary);
        }

        if (Statistics is not null)
        {
            writer.WriteFieldHeader(12, ThriftType.Struct);
            Statistics.Write(writer);
        }

        if (EncodingStats is not null)
        {
            ThriftLists.WriteStructs(writer, 13, EncodingStats, static (s, w) => s.Write(w));
        }

        if (BloomFilterOffset is long bloomOffset)
        {
            writer.WriteI64Field(14, bloomOffset);
        }

        if (BloomFilterLength is int bloomLength)
        {
            writer.WriteI32Field(15, bloomLength);
        }

        writer.EndStruct();
    }

    private static void RequireFields(ref ThriftCompactReader reader, int seen)
    {
        ReadOnlySpan<(int Id, string Name)> required =
        [
            (1, "type"), (2, "encodings"), (3, "path_in_schema"), (4, "codec"), (5, "num_values"),
            (6, "total_uncompressed_size"), (7, "total_compressed_size"), (9, "data_page_offset"),
        ];
        foreach ((int id, string name) in required)
        {
            if ((seen & (1 << id)) == 0)
            {
                throw reader.MissingField(nameof(ColumnMetaData), name, id);
            }
        }
    }
}
