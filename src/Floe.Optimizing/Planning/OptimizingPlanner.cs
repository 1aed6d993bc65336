using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.Core.Values;
using Floe.Optimizing.Config;
using Floe.Optimizing.Evaluation;

namespace Floe.Optimizing.Planning;

/// <summary>
/// Plans an optimizing process for a table at its current snapshot: evaluates the partitions, takes the pending ones
/// heaviest first until the input budget (<see cref="MaxInputBytes"/>) or <c>max-file-count</c> is reached (at least
/// one), streams the data manifests again keeping only those partitions' files, and splits each partition into tasks
/// (<see cref="PartitionPlanner"/>).
/// </summary>
public sealed class OptimizingPlanner
{
    private readonly TableMetadata _metadata;
    private readonly IFileIO _io;
    private readonly OptimizingConfig _config;

    public OptimizingPlanner(TableMetadata metadata, IFileIO io, OptimizingConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(io);
        _metadata = metadata;
        _io = io;
        _config = config ?? OptimizingConfig.Of(metadata);
    }

    /// <summary>The input bytes one process may take (Amoro: <c>max-input-file-size-per-thread</c> × group threads).</summary>
    public long MaxInputBytes { get; init; } = long.MaxValue;

    /// <summary>Manifests read at once.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The process, or null when nothing needs optimizing (the table goes back to idle).</summary>
    public async Task<OptimizingProcess?> PlanAsync(long processId, OptimizingTimes times, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(times);
        Snapshot? snapshot = _metadata.CurrentSnapshot;
        if (snapshot is null || !_config.Enabled)
        {
            return null;
        }

        SnapshotFiles files = await SnapshotFiles.OpenAsync(_metadata, snapshot, _io, keepDeleteStats: true, cancellationToken).ConfigureAwait(false);
        var evaluator = new TableEvaluator(_metadata, _io, _config) { Parallelism = Parallelism };
        (TableEvaluation evaluation, List<PendingPartition> pending) =
            await evaluator.EvaluatePartitionsAsync(snapshot, files, times, 0, cancellationToken).ConfigureAwait(false);
        List<PendingPartition> chosen = Choose(pending);
        if (chosen.Count == 0)
        {
            return null;
        }

        // Only the chosen partitions' files are decoded (with the statistics the task payloads carry); every other
        // entry is skipped right after its partition, so planning keeps nothing and builds nothing for it.
        var selected = chosen.Select(p => (p.Evaluator.SpecId, p.Evaluator.Partition)).ToHashSet();
        IReadOnlyList<Dictionary<(int, PartitionData), PartitionFiles>> states = await files.ForEachDataFileAsync(
            _io,
            Parallelism,
            columnStats: true,
            (specId, partition) => selected.Contains((specId, partition)),
            () => new Dictionary<(int, PartitionData), PartitionFiles>(),
            (state, file, sequenceNumber, deletes) =>
            {
                var key = (file.SpecId, file.Partition);
                if (!state.TryGetValue(key, out PartitionFiles? partitionFiles))
                {
                    partitionFiles = new PartitionFiles();
                    state[key] = partitionFiles;
                }

                // The visitor's list is reused for the next file; most files keep no list at all.
                partitionFiles.DataFiles.Add((new TaskFile(file, sequenceNumber), deletes.Count == 0 ? [] : deletes.ToArray()));
            },
            cancellationToken).ConfigureAwait(false);

        var tasks = new List<RewriteTask>();
        int nextTaskId = 1;
        foreach (PendingPartition partition in chosen)
        {
            var key = (partition.Evaluator.SpecId, partition.Evaluator.Partition);
            var merged = new PartitionFiles();
            foreach (var state in states)
            {
                if (state.TryGetValue(key, out PartitionFiles? part))
                {
                    merged.DataFiles.AddRange(part.DataFiles);
                }
            }

            // Manifest order is not deterministic across parallel readers; plans are.
            merged.DataFiles.Sort((a, b) => string.CompareOrdinal(a.File.File.FilePath, b.File.File.FilePath));
            var table = new TaskTable(_metadata.Location, _metadata.CurrentSchema, _metadata.SpecById(key.SpecId)!, _metadata.Properties);
            var planner = new PartitionPlanner(_config, table, key.Partition, partition.Type, path => files.DeleteSequenceNumbers[path]);
            tasks.AddRange(planner.Plan(merged, processId, ref nextTaskId));
        }

        if (tasks.Count == 0)
        {
            return null;
        }

        return new OptimizingProcess
        {
            ProcessId = processId,
            Type = tasks.Max(t => t.Type),
            FromSnapshotId = snapshot.SnapshotId,
            FromSequenceNumber = snapshot.SequenceNumber,
            Tasks = tasks,
            Reason = evaluation.Reason,
        };
    }

    private List<PendingPartition> Choose(List<PendingPartition> pending)
    {
        var chosen = new List<PendingPartition>();
        long bytes = 0;
        long fileCount = 0;
        foreach (PendingPartition partition in pending)
        {
            PartitionEvaluator e = partition.Evaluator;
            long input = e.DataFileBytes + e.EqualityDeleteBytes + e.PositionDeleteBytes;
            long count = e.DataFileCount + e.EqualityDeleteFileCount + e.PositionDeleteFileCount;
            if (chosen.Count > 0 && (bytes + input > MaxInputBytes || fileCount + count > _config.MaxFileCount))
            {
                break;
            }

            chosen.Add(partition);
            bytes += input;
            fileCount += count;
        }

        return chosen;
    }
}
