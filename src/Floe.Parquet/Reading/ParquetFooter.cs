using Floe.Parquet.Metadata;
using Floe.Parquet.Schemas;

namespace Floe.Parquet.Reading;

/// <summary>
/// A Parquet file's parsed footer and schema, which readers only read: kept to open the same file again without
/// reading and parsing its footer.
/// </summary>
public sealed class ParquetFooter
{
    internal ParquetFooter(FileMetaData metadata, ParquetSchema schema, long footerStart)
    {
        Metadata = metadata;
        Schema = schema;
        FooterStart = footerStart;
    }

    public FileMetaData Metadata { get; }

    public ParquetSchema Schema { get; }

    /// <summary>Where the footer starts in the file: its length is the file's less this and 8 bytes.</summary>
    public long FooterStart { get; }

    /// <summary>A rough weight of the parsed objects in memory, for bounding caches: about a kilobyte a column chunk.</summary>
    public long EstimatedBytes => 4096 + (Schema.Columns.Count * 512L) + (Metadata.RowGroups.Sum(g => (long)g.Columns.Count) * 1024L);
}
