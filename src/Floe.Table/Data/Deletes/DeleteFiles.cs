using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Values;
using Floe.Table.Data.Metrics;

namespace Floe.Table.Data.Deletes;

/// <summary>Builds the manifest description of a finished delete file.</summary>
internal static class DeleteFiles
{
    public static DeleteFile Describe(
        FileContent content, string location, PartitionSpec spec, PartitionData partition, FileMetrics metrics,
        IReadOnlyList<int>? equalityIds = null, string? referencedDataFile = null) => new()
        {
            DeleteContent = content,
            FilePath = location,
            Format = FileFormat.Parquet,
            SpecId = spec.SpecId,
            Partition = partition,
            RecordCount = metrics.RecordCount,
            FileSizeInBytes = metrics.FileSizeInBytes,
            ColumnSizes = metrics.ColumnSizes,
            ValueCounts = metrics.ValueCounts,
            NullValueCounts = metrics.NullValueCounts,
            NanValueCounts = metrics.NanValueCounts,
            LowerBounds = metrics.LowerBounds,
            UpperBounds = metrics.UpperBounds,
            SplitOffsets = metrics.SplitOffsets,
            EqualityIds = equalityIds,
            ReferencedDataFile = referencedDataFile,
        };
}
