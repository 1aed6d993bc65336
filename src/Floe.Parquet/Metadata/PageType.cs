namespace Floe.Parquet.Metadata;

/// <summary>The kind of a page in a column chunk.</summary>
public enum PageType
{
    DataPage = 0,
    IndexPage = 1,
    DictionaryPage = 2,
    DataPageV2 = 3,
}
