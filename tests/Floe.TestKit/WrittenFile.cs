using System.Buffers.Binary;
using Floe.Parquet.Metadata;
using Floe.Parquet.Thrift;

namespace Floe.TestKit;

/// <summary>Reads back the structure of a written file: footer and page headers, without the reader.</summary>
public sealed class WrittenFile
{
    public WrittenFile(byte[] bytes)
    {
        Bytes = bytes;
        Assert.Equal("PAR1"u8.ToArray(), bytes[..4]);
        Assert.Equal("PAR1"u8.ToArray(), bytes[^4..]);
        int footerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8, 4));
        Footer = FileMetaData.Parse(bytes.AsSpan(bytes.Length - 8 - footerLength, footerLength));
    }

    public byte[] Bytes { get; }

    public FileMetaData Footer { get; }

    public ColumnMetaData Column(int rowGroup, int column) => Footer.RowGroups[rowGroup].Columns[column].MetaData!;

    /// <summary>Every (row group, column) pair of the file.</summary>
    public IEnumerable<(int RowGroup, int Column)> Chunks() =>
        Footer.RowGroups.SelectMany((group, g) => Enumerable.Range(0, group.Columns.Count).Select(c => (g, c)));

    /// <summary>Page headers of a column chunk with the offset of each page's data.</summary>
    public List<(PageHeader Header, int DataOffset)> Pages(int rowGroup, int column)
    {
        ColumnMetaData meta = Column(rowGroup, column);
        long start = meta.DictionaryPageOffset ?? meta.DataPageOffset;
        long end = start + meta.TotalCompressedSize;
        var pages = new List<(PageHeader, int)>();
        long position = start;
        while (position < end)
        {
            var reader = new ThriftCompactReader(Bytes.AsSpan((int)position, (int)(end - position)), position);
            PageHeader header = PageHeader.Read(ref reader);
            int dataOffset = (int)position + reader.Position;
            pages.Add((header, dataOffset));
            position = dataOffset + header.CompressedPageSize;
        }

        Assert.Equal(end, position);
        return pages;
    }
}
