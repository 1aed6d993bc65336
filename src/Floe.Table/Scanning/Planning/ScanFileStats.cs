using Floe.Core.Manifests;

namespace Floe.Table.Scanning.Planning;

/// <summary>Copies of data files without column statistics, which planned tasks no longer need (as Java drops them).</summary>
internal static class ScanFileStats
{
    public static DataFile WithoutStats(DataFile file) => new()
    {
        FilePath = file.FilePath,
        Format = file.Format,
        SpecId = file.SpecId,
        Partition = file.Partition,
        RecordCount = file.RecordCount,
        FileSizeInBytes = file.FileSizeInBytes,
        KeyMetadata = file.KeyMetadata,
        SplitOffsets = file.SplitOffsets,
        SortOrderId = file.SortOrderId,
        Position = file.Position,
    };
}
