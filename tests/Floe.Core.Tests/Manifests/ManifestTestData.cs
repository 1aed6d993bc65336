using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Transforms;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Tests.Manifests;

/// <summary>A table partitioned by several transforms, and data files with every field set.</summary>
internal static class ManifestTestData
{
    public static Schema Schema { get; } = new(
    [
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "event time", PrimitiveType.TimestampTz),
        NestedField.Optional(3, "category", PrimitiveType.String),
        NestedField.Optional(4, "price", PrimitiveType.Decimal(9, 2)),
        NestedField.Optional(5, "score", PrimitiveType.Double),
    ], schemaId: 3);

    public static PartitionSpec Spec { get; } = new(4,
    [
        new PartitionField(2, 1000, "event time_day", Transform.Day),
        new PartitionField(1, 1001, "id_bucket", Transform.Bucket(16)),
        new PartitionField(3, 1002, "category", Transform.Identity),
        new PartitionField(4, 1003, "price", Transform.Identity),
        new PartitionField(5, 1004, "score", Transform.Identity),
    ]);

    public static DataFile DataFile(int i, string? category = "books", double score = 1.5, string? path = null) => new()
    {
        FilePath = path ?? $"s3://bucket/warehouse/db/t/data/{i:D5}.parquet",
        Format = FileFormat.Parquet,
        SpecId = Spec.SpecId,
        Partition = PartitionData.Of(
            Literal.OfDate(19_800 + i),
            Literal.Of(i % 16),
            category is null ? Literal.Null : Literal.Of(category),
            Literal.OfDecimal(-12.34m - i),
            Literal.Of(score)),
        RecordCount = 1000 + i,
        FileSizeInBytes = 50_000 + i,
        ColumnSizes = new Dictionary<int, long> { [1] = 100, [2] = 200 + i },
        ValueCounts = new Dictionary<int, long> { [1] = 1000 + i, [2] = 1000 + i },
        NullValueCounts = new Dictionary<int, long> { [1] = 0, [2] = 3 },
        NanValueCounts = new Dictionary<int, long> { [5] = 0 },
        LowerBounds = new Dictionary<int, byte[]> { [1] = SingleValueBinary.ToBytes(Literal.Of((long)i)), [3] = "a"u8.ToArray() },
        UpperBounds = new Dictionary<int, byte[]> { [1] = SingleValueBinary.ToBytes(Literal.Of(i + 999L)), [3] = "z"u8.ToArray() },
        KeyMetadata = [1, 2, 3],
        SplitOffsets = [4, 4096 + i],
        SortOrderId = 1,
    };

    public static DeleteFile EqualityDeletes(int i) => new()
    {
        DeleteContent = FileContent.EqualityDeletes,
        FilePath = $"s3://bucket/warehouse/db/t/data/eq-{i}.parquet",
        Format = FileFormat.Parquet,
        Partition = DataFile(i).Partition,
        RecordCount = 2,
        FileSizeInBytes = 900,
        EqualityIds = [1, 3],
    };

    public static DeleteFile PositionDeletes(int i) => new()
    {
        FilePath = $"s3://bucket/warehouse/db/t/data/pos-{i}.parquet",
        Format = FileFormat.Parquet,
        Partition = DataFile(i).Partition,
        RecordCount = 5,
        FileSizeInBytes = 700,
        ReferencedDataFile = DataFile(i).FilePath,
    };

    public static ManifestWriterOptions Options(int version = 2, ManifestContent content = ManifestContent.Data, long? snapshotId = 77) => new()
    {
        FormatVersion = version,
        Spec = Spec,
        Schema = Schema,
        Content = content,
        SnapshotId = snapshotId,
    };
}
