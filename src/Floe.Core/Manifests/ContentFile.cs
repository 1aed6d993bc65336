using Floe.Core.Values;

namespace Floe.Core.Manifests;

/// <summary>
/// A file a manifest lists (the <c>data_file</c> struct, id 2): a <see cref="DataFile"/> or a <see cref="DeleteFile"/>.
/// Metrics are keyed by table field id; bounds hold Iceberg's single-value binary form (<see cref="SingleValueBinary"/>).
/// </summary>
public abstract class ContentFile
{
    private protected ContentFile()
    {
    }

    /// <summary>What the file holds.</summary>
    public abstract FileContent Content { get; }

    /// <summary>The full location of the file (id 100).</summary>
    public required string FilePath { get; init; }

    /// <summary>The file's format (id 101).</summary>
    public required FileFormat Format { get; init; }

    /// <summary>The partition spec the file was written with; not stored per entry but taken from the manifest.</summary>
    public int SpecId { get; init; }

    /// <summary>The partition tuple, one value per field of the spec (id 102).</summary>
    public PartitionData Partition { get; init; } = PartitionData.Empty;

    /// <summary>Rows in the file (id 103); for delete files, deleted rows.</summary>
    public required long RecordCount { get; init; }

    /// <summary>The file's total size in bytes (id 104).</summary>
    public required long FileSizeInBytes { get; init; }

    /// <summary>Bytes each column takes on disk, by field id (id 108).</summary>
    public IReadOnlyDictionary<int, long>? ColumnSizes { get; init; }

    /// <summary>Values per column including nulls and NaN, by field id (id 109).</summary>
    public IReadOnlyDictionary<int, long>? ValueCounts { get; init; }

    /// <summary>Null values per column, by field id (id 110).</summary>
    public IReadOnlyDictionary<int, long>? NullValueCounts { get; init; }

    /// <summary>NaN values per floating-point column, by field id (id 137).</summary>
    public IReadOnlyDictionary<int, long>? NanValueCounts { get; init; }

    /// <summary>Lower bounds in single-value binary form, by field id (id 125).</summary>
    public IReadOnlyDictionary<int, byte[]>? LowerBounds { get; init; }

    /// <summary>Upper bounds in single-value binary form, by field id (id 128).</summary>
    public IReadOnlyDictionary<int, byte[]>? UpperBounds { get; init; }

    /// <summary>Implementation-specific key metadata for encrypted files (id 131).</summary>
    public byte[]? KeyMetadata { get; init; }

    /// <summary>Offsets where the file may be split (row-group starts), ascending (id 132).</summary>
    public IReadOnlyList<long>? SplitOffsets { get; init; }

    /// <summary>The sort order the rows follow, if any (id 140).</summary>
    public int? SortOrderId { get; init; }

    /// <summary>The manifest position of the entry this file was read from, or -1 when it was not read from one.</summary>
    public long Position { get; init; } = -1;

    public override string ToString() => $"{Content} {Format} {FilePath} ({RecordCount} rows, {FileSizeInBytes} bytes)";
}
