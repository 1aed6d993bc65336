namespace Floe.Parquet.Writing;

/// <summary>What a closed <see cref="ParquetFileWriter"/> wrote: the facts an Iceberg data file entry records.</summary>
public sealed record ParquetFileMetrics
{
    /// <summary>Rows written (Iceberg record_count).</summary>
    public required long RecordCount { get; init; }

    /// <summary>Bytes of the whole file, footer included (Iceberg file_size_in_bytes).</summary>
    public required long FileSize { get; init; }

    /// <summary>Start offset of each row group (Iceberg split_offsets).</summary>
    public required IReadOnlyList<long> SplitOffsets { get; init; }

    /// <summary>One entry per leaf column, in schema order.</summary>
    public required IReadOnlyList<ParquetColumnMetrics> Columns { get; init; }

    /// <summary>The metrics of the leaf with Iceberg field id <paramref name="fieldId"/>, or null.</summary>
    public ParquetColumnMetrics? ForFieldId(int fieldId)
    {
        foreach (ParquetColumnMetrics column in Columns)
        {
            if (column.FieldId == fieldId)
            {
                return column;
            }
        }

        return null;
    }
}
