using Floe.Parquet.Thrift;

namespace Floe.Parquet.Metadata;

/// <summary>The header before every page of a column chunk; exactly one of the type-specific headers is set.</summary>
public sealed class PageHeader
{
    public PageType Type { get; set; }

    public int UncompressedPageSize { get; set; }

    /// <summary>Bytes of the page after this header.</summary>
    public int CompressedPageSize { get; set; }

    /// <summary>CRC-32 of the page bytes after the header, when the writer computed it.</summary>
    public int? Crc { get; set; }

    public DataPageHeader? DataPageHeader { get; set; }

    public DictionaryPageHeader? DictionaryPageHeader { get; set; }

    public DataPageHeaderV2? DataPageHeaderV2 { get; set; }

    public static PageHeader Read(ref ThriftCompactReader reader)
    {
        var header = new PageHeader();
        int seen = 0;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32:
                    header.Type = (PageType)reader.ReadI32();
                    seen |= 1 << 1;
                    break;
                case 2 when type == ThriftType.I32:
                    header.UncompressedPageSize = reader.ReadI32();
                    seen |= 1 << 2;
                    break;
                case 3 when type == ThriftType.I32:
                    header.CompressedPageSize = reader.ReadI32();
                    seen |= 1 << 3;
                    break;
                case 4 when type == ThriftType.I32:
                    header.Crc = reader.ReadI32();
                    break;
                case 5 when type == ThriftType.Struct:
                    header.DataPageHeader = DataPageHeader.Read(ref reader);
                    break;
                case 7 when type == ThriftType.Struct:
                    header.DictionaryPageHeader = DictionaryPageHeader.Read(ref reader);
                    break;
                case 8 when type == ThriftType.Struct:
                    header.DataPageHeaderV2 = DataPageHeaderV2.Read(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        if ((seen & (1 << 1)) == 0)
        {
            throw reader.MissingField(nameof(PageHeader), "type", 1);
        }

        if ((seen & (1 << 2)) == 0)
        {
            throw reader.MissingField(nameof(PageHeader), "uncompressed_page_size", 2);
        }

        if ((seen & (1 << 3)) == 0)
        {
            throw reader.MissingField(nameof(PageHeader), "compressed_page_size", 3);
        }

        return header;
    }

    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.WriteI32Field(1, (int)Type);
        writer.WriteI32Field(2, UncompressedPageSize);
        writer.WriteI32Field(3, CompressedPageSize);
        if (Crc is int crc)
        {
            writer.WriteI32Field(4, crc);
        }

        if (DataPageHeader is not null)
        {
            writer.WriteFieldHeader(5, ThriftType.Struct);
            DataPageHeader.Write(writer);
        }

        if (DictionaryPageHeader is not null)
        {
            writer.WriteFieldHeader(7, ThriftType.Struct);
            DictionaryPageHeader.Write(writer);
        }

        if (DataPageHeaderV2 is not null)
        {
            writer.WriteFieldHeader(8, ThriftType.Struct);
            DataPageHeaderV2.Write(writer);
        }

        writer.EndStruct();
    }
}
