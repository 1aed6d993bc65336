using Floe.Parquet.Metadata;
using Floe.Parquet.Schemas;

namespace Floe.Parquet.Reading;

/// <summary>What a row-group filter sees: the row group's metadata and its columns' decoded statistics.</summary>
public sealed class RowGroupInfo
{
    private readonly ParquetSchema _schema;

    internal RowGroupInfo(int index, RowGroup metadata, ParquetSchema schema)
    {
        Index = index;
        Metadata = metadata;
        _schema = schema;
    }

    public int Index { get; }

    public RowGroup Metadata { get; }

    public long RowCount => Metadata.NumRows;

    /// <summary>Statistics of the leaf column <paramref name="column"/>, or null when the chunk has none.</summary>
    public ColumnStatistics? GetStatistics(ColumnDescriptor column)
    {
        ArgumentNullException.ThrowIfNull(column);
        ColumnMetaData? meta = column.Index < Metadata.Columns.Count ? Metadata.Columns[column.Index].MetaData : null;
        return meta is null ? null : StatisticsDecoder.Decode(column, meta);
    }

    /// <summary>Statistics of the leaf with the dotted path <paramref name="dottedPath"/> (a top-level column's name).</summary>
    public ColumnStatistics? GetStatistics(string dottedPath) =>
        _schema.FindColumn(dottedPath) is ColumnDescriptor column ? GetStatistics(column) : null;

    /// <summary>Statistics of the leaf column with field id <paramref name="fieldId"/>.</summary>
    public ColumnStatistics? GetStatisticsByFieldId(int fieldId) =>
        _schema.Columns.FirstOrDefault(c => c.FieldId == fieldId) is ColumnDescriptor column ? GetStatistics(column) : null;
}
