using Floe.Common.Caching;
using Floe.Common.Columnar;
using Floe.Core.Manifests;
using Floe.Parquet.Reading;

namespace Floe.Table.Scanning;

/// <summary>
/// Process-wide caches of what repeated scans read again: decoded manifests, Parquet footers, and the decoded rows of
/// small files that a reader opts in (merge-on-read change files). Table files never change once written, so entries
/// are keyed by path and length and never go stale; each cache is bounded in bytes (an estimate of the decoded
/// objects) and evicts the least recently used entries. Setting a cache's <see cref="ByteBoundedCache{TKey, TValue}.MaxBytes"/>
/// to zero turns it off.
/// </summary>
public static class ScanCaches
{
    /// <summary>The bound of <see cref="Manifests"/> unless configured otherwise.</summary>
    public const long DefaultManifestBytes = 128L << 20;

    /// <summary>The bound of <see cref="Footers"/> unless configured otherwise.</summary>
    public const long DefaultFooterBytes = 64L << 20;

    /// <summary>The bound of <see cref="DecodedFiles"/> unless configured otherwise.</summary>
    public const long DefaultDecodedFileBytes = 256L << 20;

    /// <summary>The bound of <see cref="PositionDeletes"/> unless configured otherwise.</summary>
    public const long DefaultPositionDeleteBytes = 64L << 20;

    /// <summary>Decoded manifest entries (with their column statistics) by manifest: 128 MB, 32 MB for one manifest.</summary>
    public static ByteBoundedCache<ManifestKey, ManifestEntry[]> Manifests { get; } = new(DefaultManifestBytes, 32L << 20);

    /// <summary>Parsed Parquet footers of data and delete files: 64 MB, 4 MB for one footer.</summary>
    public static ByteBoundedCache<FileKey, ParquetFooter> Footers { get; } = new(DefaultFooterBytes, 4L << 20);

    /// <summary>Decoded rows of small files in one read schema (see <see cref="FileScanTaskReader"/>): 256 MB, 16 MB for one file.</summary>
    public static ByteBoundedCache<DecodedFileKey, DecodedFile> DecodedFiles { get; } = new(DefaultDecodedFileBytes, 16L << 20);

    /// <summary>
    /// Position delete files read into sorted row positions per data file: 64 MB, 16 MB for one delete file. A table
    /// with merge-on-read deletes (a primary-key table's base between full optimizings, or a v2 table written by Spark
    /// or Flink) applies the same delete files to every query until they are rewritten.
    /// </summary>
    public static ByteBoundedCache<FileKey, PositionDeletes> PositionDeletes { get; } = new(DefaultPositionDeleteBytes, 16L << 20);

    /// <summary>Empties every cache (their bounds stay).</summary>
    public static void Clear()
    {
        Manifests.Clear();
        Footers.Clear();
        DecodedFiles.Clear();
        PositionDeletes.Clear();
    }
}

/// <summary>
/// A manifest as a manifest list names it. Besides path and length, the sequence number and snapshot its entries
/// inherit are part of the key, since decoded entries carry them.
/// </summary>
public readonly record struct ManifestKey(string Path, long Length, long SequenceNumber, long AddedSnapshotId)
{
    public static ManifestKey Of(ManifestFile manifest) => new(manifest.Path, manifest.Length, manifest.SequenceNumber, manifest.AddedSnapshotId);
}

/// <summary>An immutable file: its path and length in bytes.</summary>
public readonly record struct FileKey(string Path, long Length);

/// <summary>The rows one position delete file removes: sorted positions by data file path. Shared and never changed.</summary>
public sealed class PositionDeletes
{
    internal PositionDeletes(Dictionary<string, long[]> byDataFile)
    {
        ByDataFile = byDataFile;
        Bytes = 128 + byDataFile.Sum(p => 96 + (2L * p.Key.Length) + (8L * p.Value.Length));
    }

    /// <summary>Sorted positions by data file path.</summary>
    public IReadOnlyDictionary<string, long[]> ByDataFile { get; }

    /// <summary>What the positions and paths hold in memory.</summary>
    public long Bytes { get; }
}

/// <summary>A file's rows decoded in one read schema (<paramref name="Columns"/> describes its fields, ids and types).</summary>
public readonly record struct DecodedFileKey(string Path, long Length, string Columns);

/// <summary>
/// The batches of a whole file as decoded, one per row group, with the file position of each batch's first row.
/// Shared between readers: the batches are only read, never disposed or changed.
/// </summary>
public sealed class DecodedFile
{
    internal DecodedFile(ColumnBatch[] batches, long[] firstRows)
    {
        Batches = batches;
        FirstRows = firstRows;
        Bytes = 256 + batches.Sum(b => b.AllocatedBytes + 64) + (firstRows.Length * sizeof(long));
    }

    public IReadOnlyList<ColumnBatch> Batches { get; }

    public IReadOnlyList<long> FirstRows { get; }

    /// <summary>What the batches hold in memory.</summary>
    public long Bytes { get; }
}
