using System.Globalization;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Values;
using Floe.Optimizing.Config;

namespace Floe.Optimizing.Evaluation;

/// <summary>
/// Decides whether a table needs optimizing at its current snapshot: streams the snapshot's manifests (deletes first,
/// then data manifests in parallel), counts each partition's files by class and deletes
/// (<see cref="PartitionEvaluator"/>) and applies the trigger rules with the given last-optimizing times.
/// </summary>
public sealed class TableEvaluator
{
    /// <summary>Amoro's <c>refresh-tables.max-pending-partition-count</c>.</summary>
    public const int DefaultMaxPendingPartitions = 100;

    private readonly TableMetadata _metadata;
    private readonly IFileIO _io;
    private readonly OptimizingConfig _config;

    public TableEvaluator(TableMetadata metadata, IFileIO io, OptimizingConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(io);
        _metadata = metadata;
        _io = io;
        _config = config ?? OptimizingConfig.Of(metadata);
    }

    public OptimizingConfig Config => _config;

    /// <summary>How many pending partitions the result lists (the heaviest).</summary>
    public int MaxPendingPartitions { get; init; } = DefaultMaxPendingPartitions;

    /// <summary>Manifests read at once.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    public async Task<TableEvaluation> EvaluateAsync(OptimizingTimes times, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(times);
        (TableEvaluation result, _) = await EvaluatePartitionsAsync(times, MaxPendingPartitions, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>The evaluation and every pending partition (for planning), heaviest first.</summary>
    internal async Task<(TableEvaluation Evaluation, List<PendingPartition> Pending)> EvaluatePartitionsAsync(
        OptimizingTimes times, int listed, CancellationToken cancellationToken)
    {
        Snapshot? snapshot = _metadata.CurrentSnapshot;
        if (snapshot is null || !_config.Enabled)
        {
            return (new TableEvaluation { SnapshotId = snapshot?.SnapshotId, SequenceNumber = snapshot?.SequenceNumber ?? 0 }, []);
        }

        SnapshotFiles files = await SnapshotFiles.OpenAsync(_metadata, snapshot, _io, keepDeleteStats: false, cancellationToken).ConfigureAwait(false);
        return await EvaluatePartitionsAsync(snapshot, files, times, listed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Evaluates with delete manifests already read (the planner reads them once, with statistics).</summary>
    internal async Task<(TableEvaluation Evaluation, List<PendingPartition> Pending)> EvaluatePartitionsAsync(
        Snapshot snapshot, SnapshotFiles files, OptimizingTimes times, int listed, CancellationToken cancellationToken)
    {
        var partitions = new Dictionary<(int, PartitionData), PartitionEvaluator>();
        int deleteFiles = files.DeleteFiles.Count;
        foreach (DeleteFile delete in files.DeleteFiles)
        {
            Evaluator(partitions, delete.SpecId, delete.Partition).AddDeleteFile(delete);
        }

        IReadOnlyList<Dictionary<(int, PartitionData), PartitionEvaluator>> states = await files.ForEachDataFileAsync(
            _io,
            Parallelism,
            columnStats: false,
            partitionFilter: null,
            () => new Dictionary<(int, PartitionData), PartitionEvaluator>(),
            (state, file, _, deletes) => Evaluator(state, file.SpecId, file.Partition).AddDataFile(file, deletes),
            cancellationToken).ConfigureAwait(false);
        foreach (var state in states)
        {
            foreach (var (key, evaluator) in state)
            {
                if (partitions.TryGetValue(key, out PartitionEvaluator? existing))
                {
                    existing.Merge(evaluator);
                }
                else
                {
                    partitions[key] = evaluator;
                }
            }
        }

        var pending = new List<PendingPartition>();
        int dataFiles = 0;
        long dataBytes = 0, dataRecords = 0, equalityRecords = 0, positionDeleted = 0;
        foreach (PartitionEvaluator partition in partitions.Values)
        {
            dataFiles += partition.DataFileCount;
            dataBytes += partition.DataFileBytes;
            dataRecords += partition.DataRecords;
            equalityRecords += partition.EqualityDeleteRecords;
            positionDeleted += partition.PositionDeletedDataRecords;
            if (partition.Decide(times, out string reason) is OptimizingType type)
            {
                pending.Add(new PendingPartition(partition, type, reason));
            }
        }

        pending.Sort((a, b) => b.Weight.CompareTo(a.Weight));
        OptimizingType? tableType = pending.Count == 0 ? null : pending.Max(p => p.Type);
        string tableReason = pending.Count == 0
            ? ""
            : string.Create(CultureInfo.InvariantCulture, $"{TypeName(tableType!.Value)} optimizing of {pending.Count} partition(s); {Describe(pending[0])}");
        var evaluation = new TableEvaluation
        {
            SnapshotId = snapshot.SnapshotId,
            SequenceNumber = snapshot.SequenceNumber,
            Type = tableType,
            Reason = tableReason,
            Pending = PendingInput.Of(pending.Select(p => (p.Evaluator, p.Type))),
            PendingPartitions = pending.Count <= listed ? pending : pending.GetRange(0, listed),
            PendingPartitionCount = pending.Count,
            PartitionCount = partitions.Count,
            DataFileCount = dataFiles,
            DeleteFileCount = deleteFiles,
            HealthScore = HealthScores.Score(dataFiles, dataBytes, dataRecords, equalityRecords, positionDeleted, _config),
        };
        return (evaluation, pending);
    }

    private static string TypeName(OptimizingType type) => type switch
    {
        OptimizingType.Full => "full",
        OptimizingType.Major => "major",
        _ => "minor",
    };

    private static string Describe(PendingPartition partition) =>
        partition.Evaluator.PartitionPath.Length == 0 ? partition.Reason : $"{partition.Evaluator.PartitionPath}: {partition.Reason}";

    private PartitionEvaluator Evaluator(Dictionary<(int, PartitionData), PartitionEvaluator> partitions, int specId, PartitionData partition)
    {
        if (!partitions.TryGetValue((specId, partition), out PartitionEvaluator? evaluator))
        {
            string path = _metadata.SpecById(specId) is { } spec && spec.Fields.Count > 0 ? spec.PartitionPath(partition) : "";
            evaluator = new PartitionEvaluator(specId, partition, path, _config);
            partitions[(specId, partition)] = evaluator;
        }

        return evaluator;
    }
}
