using Floe.Common.Threading;
using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Values;
using Floe.PrimaryKeys.Model;

namespace Floe.PrimaryKeys.Optimizing;

/// <summary>A data file to merge with the sequence number its manifest entry gave it and the delete files that apply to it.</summary>
public sealed record MergeFile(DataFile File, long DataSequenceNumber, IReadOnlyList<DeleteFile> Deletes)
{
    public MergeFile(DataFile file, long dataSequenceNumber)
        : this(file, dataSequenceNumber, [])
    {
    }
}

/// <summary>
/// One merge of change rows into base files, as plain data: everything <see cref="PartitionMerger"/> needs without a
/// catalog or a loaded table. It covers one partition, or the bucket nodes of one partition whose files it lists
/// (every key of those nodes must have its base and change files here).
/// </summary>
public sealed record MergeWork
{
    /// <summary>The user schema (the base store's); change files are read with it plus the change columns.</summary>
    public required Schema Schema { get; init; }

    /// <summary>The partition spec of every file (base and change stores share it).</summary>
    public required PartitionSpec Spec { get; init; }

    /// <summary>The base store's properties (writer settings).</summary>
    public required IReadOnlyDictionary<string, string> Properties { get; init; }

    /// <summary>The folder new base files go under (partition folders below it).</summary>
    public required string DataPath { get; init; }

    /// <summary>The key columns' field ids in key order.</summary>
    public required IReadOnlyList<int> KeyFieldIds { get; init; }

    /// <summary>The base store's bucket count; new base files are written per bucket node.</summary>
    public required int BaseBuckets { get; init; }

    public required PartitionData Partition { get; init; }

    /// <summary>The partition's number in file names.</summary>
    public int PartitionOrdinal { get; init; }

    /// <summary>The highest transaction already merged into base in this partition; change rows at or below it are skipped.</summary>
    public required long OptimizedPoint { get; init; }

    /// <summary>Base data files with their delete files.</summary>
    public IReadOnlyList<MergeFile> BaseFiles { get; init; } = [];

    /// <summary>Change files after the optimized point.</summary>
    public IReadOnlyList<MergeFile> ChangeFiles { get; init; } = [];

    /// <summary>
    /// The bucket nodes the work covers when some of its change files also hold keys of other nodes (base nodes split
    /// finer than the change files'): change rows whose key lies in none of them are another work's and skipped. Null
    /// means every change row is this work's. Base files must lie within these nodes.
    /// </summary>
    public IReadOnlyList<DataTreeNode>? Nodes { get; init; }

    /// <summary>Base files rewritten whether or not their rows changed (small files being merged).</summary>
    public IReadOnlySet<string> RewriteAlways { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Every live base data file of the partition, when <see cref="BaseFiles"/> is only part of it: a position delete
    /// file is removed only when none of its targets stays live. Null means <see cref="BaseFiles"/> is the whole partition.
    /// </summary>
    public IReadOnlyCollection<string>? PartitionBaseFiles { get; init; }

    public OptimizeMode Mode { get; init; } = OptimizeMode.Minor;

    /// <summary>The deleted share of a base file at which it is rewritten rather than given position deletes.</summary>
    public double RewriteRatio { get; init; } = 0.5;

    /// <summary>The size new base files roll at; the base store's <c>write.target-file-size-bytes</c> when null.</summary>
    public long? TargetFileSize { get; init; }

    /// <summary>The task number in file names.</summary>
    public long TaskId { get; init; }

    /// <summary>The operation id in file names; unique per run (and per attempt), so runs never collide.</summary>
    public required string OperationId { get; init; }

    /// <summary>
    /// Columns of a new file encoded at once (<see cref="Parquet.Writing.ParquetWriterOptions.EncodingParallelism"/>):
    /// 1 keeps the merge on one thread; the files written are the same whatever the value.
    /// </summary>
    public int EncodingParallelism { get; init; } = 1;

    /// <summary>Threads shared with other work, borrowed while columns are encoded (<see cref="Parquet.Writing.ParquetWriterOptions.EncodingThreads"/>).</summary>
    public ThreadBudget? EncodingThreads { get; init; }

    /// <summary>The path of the first base file that lies outside <see cref="Nodes"/>, or null when all lie within (or there are no nodes).</summary>
    public string? BaseFileOutsideNodes() =>
        Nodes is { } nodes ? BaseFiles.FirstOrDefault(f => !nodes.Any(PrimaryKeyFiles.OfBaseFile(f.File.FilePath).Node.IsSonOf))?.File.FilePath : null;
}
