using Floe.Parquet.Thrift;

namespace Floe.Parquet.Metadata;

/// <summary>
/// Header of a version 2 data page: repetition then definition levels (RLE, never compressed, no length prefix)
/// precede the values, which are compressed unless <see cref="IsCompressed"/> is false.
/// </summary>
public sealed class DataPageHeaderV2
{
    public int NumValues { get; set; }

    public int NumNulls { get; set; }

    public int NumRows { get; set; }

    public Encoding Encoding { get; set; }

    public int DefinitionLevelsByteLength { get; set; }

    public int RepetitionLevelsByteLength { get; set; }

    public bool IsCompressed { get; set; } = true;

    public Statistics? Statistics { get; set; }

    public static DataPageHeaderV2 Read(ref ThriftCompactReader reader)
    {
        var header = new DataPageHeaderV2();
        int seen = 0;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32:
                    header.NumValues = reader.ReadI32();
                    seen |= 1 << 1;
                    break;
                case 2 when type == ThriftType.I32:
                    header.NumNulls = reader.ReadI32();
                    seen |= 1 << 2;
                    break;
                case 3 when type == ThriftType.I32:
                    header.NumRows = reader.ReadI32();
                    seen |= 1 << 3;
                    break;
                case 4 when type == ThriftType.I32:
                    header.Encoding = (Encoding)reader.ReadI32();
                    seen |= 1 << 4;
                    break;
                case 5 when type == ThriftType.I32:
                    header.DefinitionLevelsByteLength = reader.ReadI32();
                    seen |= 1 << 5;
                    break;
                case 6 when type == ThriftType.I32:
                    header.RepetitionLevelsByteLength = reader.ReadI32();
                    seen |= 1 << 6;
                    break;
                case 7 when type == ThriftType.Bool:
                    header.IsCompressed = reader.ReadBool();
                    break;
                case 8 when type == ThriftType.Struct:
                    header.Statistics = Statistics.Read(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        ReadOnlySpan<(int Id, string Name)> required =
        [
            (1, "num_values"), (2, "num_nulls"), (3, "num_rows"), (4, "encoding"),
            (5, "definition_levels_byte_length"), (6, "repetition_levels_byte_length"),
        ];
        foreach ((int id, string name) in required)
        {
            if ((seen & (1 << id)) == 0)
            {
                throw reader.MissingField(nameof(DataPageHeaderV2), name, id);
            }
        }

        return header;
    }

    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.WriteI32Field(1, NumValues);
        writer.WriteI32Field(2, NumNulls);
        writer.WriteI32Field(3, NumRows);
        writer.WriteI32Field(4, (int)Encoding);
        writer.WriteI32Field(5, DefinitionLevelsByteLength);
        writer.WriteI32Field(6, RepetitionLevelsByteLength);
        writer.WriteBoolField(7, IsCompressed);
        if (Statistics is not null)
        {
            writer.WriteFieldHeader(8, ThriftType.Struct);
            Statistics.Write(writer);
        }

        writer.EndStruct();
    }
}
