namespace Floe.Parquet.Writing;

/// <summary>Which data page header the writer emits.</summary>
public enum DataPageVersion
{
    /// <summary>DATA_PAGE: levels and values compressed together; read by every Parquet reader.</summary>
    V1 = 1,

    /// <summary>DATA_PAGE_V2: levels uncompressed ahead of the values, pages start at record boundaries.</summary>
    V2 = 2,
}
