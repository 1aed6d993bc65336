using Floe.Core.Manifests;
using Floe.Core.Values;

namespace Floe.Optimizing.Tests;

/// <summary>File descriptions without files behind them, for evaluation and planning rules.</summary>
internal static class Files
{
    public const long MB = 1024 * 1024;

    private static int s_number;

    public static DataFile Data(long size, long records = 1000, PartitionData? partition = null) => new()
    {
        FilePath = $"/t/data/f{Interlocked.Increment(ref s_number):D6}.parquet",
        Format = FileFormat.Parquet,
        Partition = partition ?? PartitionData.Empty,
        RecordCount = records,
        FileSizeInBytes = size,
    };

    public static DeleteFile PositionDeletes(long records, string? target = null, long size = 1000) => new()
    {
        DeleteContent = FileContent.PositionDeletes,
        FilePath = $"/t/data/p{Interlocked.Increment(ref s_number):D6}.parquet",
        Format = FileFormat.Parquet,
        RecordCount = records,
        FileSizeInBytes = size,
        ReferencedDataFile = target,
    };

    public static DeleteFile EqualityDeletes(long records, long size = 1000) => new()
    {
        DeleteContent = FileContent.EqualityDeletes,
        FilePath = $"/t/data/e{Interlocked.Increment(ref s_number):D6}.parquet",
        Format = FileFormat.Parquet,
        RecordCount = records,
        FileSizeInBytes = size,
        EqualityIds = [1],
    };
}
