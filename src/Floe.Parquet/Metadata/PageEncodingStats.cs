using Floe.Parquet.Thrift;

namespace Floe.Parquet.Metadata;

/// <summary>How many pages of a kind use an encoding within a column chunk.</summary>
public sealed record PageEncodingStats(PageType PageType, Encoding Encoding, int Count)
{
    public static PageEncodingStats Read(ref ThriftCompactReader reader)
    {
        int? pageType = null;
        int? encoding = null;
        int? count = null;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32:
                    pageType = reader.ReadI32();
                    break;
                case 2 when type == ThriftType.I32:
                    encoding = reader.ReadI32();
                    break;
                case 3 when type == ThriftType.I32:
                    count = reader.ReadI32();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        return new PageEncodingStats(
            (PageType)(pageType ?? throw reader.MissingField(nameof(PageEncodingStats), "page_type", 1)),
            (Encoding)(encoding ?? throw reader.MissingField(nameof(PageEncodingStats), "encoding", 2)),
            count ?? throw reader.MissingField(nameof(PageEncodingStats), "count", 3));
    }

    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.WriteI32Field(1, (int)PageType);
        writer.WriteI32Field(2, (int)Encoding);
        writer.WriteI32Field(3, Count);
        writer.EndStruct();
    }
}
