using Floe.Core.Partitioning;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Parquet.Writing;
using Floe.Table.Data.Metrics;

namespace Floe.Table.Data.Writing;

/// <summary>Everything a data file writer needs to know about the table it writes for.</summary>
public sealed record DataWriterConfig
{
    /// <summary>The table schema rows are written in.</summary>
    public required Schema Schema { get; init; }

    /// <summary>The partition spec files are written for; unpartitioned unless set.</summary>
    public PartitionSpec Spec { get; init; } = PartitionSpec.Unpartitioned;

    /// <summary>Which metrics each column gets.</summary>
    public MetricsConfig Metrics { get; init; } = MetricsConfig.Default;

    /// <summary>Parquet options; the <c>iceberg.schema</c> footer key is added by the writer.</summary>
    public ParquetWriterOptions Parquet { get; init; } = new();

    /// <summary>Size at which rolling writers start a new file.</summary>
    public long TargetFileSizeBytes { get; init; } = IcebergWriteProperties.TargetFileSizeBytes.Default;

    /// <summary>The sort order the rows are known to follow, recorded in each data file; null if unknown.</summary>
    public int? SortOrderId { get; init; }

    /// <summary>A configuration from table properties (the <c>write.*</c> keys).</summary>
    public static DataWriterConfig FromProperties(
        Schema schema, PartitionSpec spec, IReadOnlyDictionary<string, string> properties, int? sortOrderId = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(properties);
        return new DataWriterConfig
        {
            Schema = schema,
            Spec = spec,
            Metrics = MetricsConfig.FromProperties(schema, properties),
            Parquet = DataWriteProperties.ParquetOptions(properties),
            TargetFileSizeBytes = DataWriteProperties.TargetFileSize(properties),
            SortOrderId = sortOrderId,
        };
    }
}
