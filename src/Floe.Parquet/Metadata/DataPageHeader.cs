using Floe.Parquet.Thrift;

namespace Floe.Parquet.Metadata;

/// <summary>Header of a version 1 data page: levels and values share one compressed block.</summary>
public sealed class DataPageHeader
{
    /// <summary>Number of level entries (values including nulls).</summary>
    public int NumValues { get; set; }

    public Encoding Encoding { get; set; }

    public Encoding DefinitionLevelEncoding { get; set; } = Encoding.Rle;

    public Encoding RepetitionLevelEncoding { get; set; } = Encoding.Rle;

    public Statistics? Statistics { get; set; }

    public static DataPageHeader Read(ref ThriftCompactReader reader)
    {
        var header = new DataPageHeader();
        int seen = 0;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32:
                    header.NumValues = reader.ReadI32();
                    seen |= 1;
                    break;
                case 2 when type == ThriftType.I32:
                    header.Encoding = (Encoding)reader.ReadI32();
                    seen |= 2;
                    break;
                case 3 when type == ThriftType.I32:
                    header.DefinitionLevelEncoding = (Encoding)reader.ReadI32();
                    break;
                case 4 when type == ThriftType.I32:
                    header.RepetitionLevelEncoding = (Encoding)reader.ReadI32();
                    break;
                case 5 when type == ThriftType.Struct:
                    header.Statistics = Statistics.Read(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        if ((seen & 1) == 0)
        {
            throw reader.MissingField(nameof(DataPageHeader), "num_values", 1);
        }

        if ((seen & 2) == 0)
        {
            throw reader.MissingField(nameof(DataPageHeader), "encoding", 2);
        }

        return header;
    }

    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.WriteI32Field(1, NumValues);
        writer.WriteI32Field(2, (int)Encoding);
        writer.WriteI32Field(3, (int)DefinitionLevelEncoding);
        writer.WriteI32Field(4, (int)RepetitionLevelEncoding);
        if (Statistics is not null)
        {
            writer.WriteFieldHeader(5, ThriftType.Struct);
            Statistics.Write(writer);
        }

        writer.EndStruct();
    }
}
