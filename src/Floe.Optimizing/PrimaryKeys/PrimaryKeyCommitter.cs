using System.Globalization;
using Floe.Common.Errors;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Model;
using Floe.PrimaryKeys.Optimizing;
using Floe.Optimizing.Commit;
using Floe.Table.Scanning;

namespace Floe.Optimizing.PrimaryKeys;

/// <summary>
/// Commits a primary-key table's process to the base store only (<see cref="MergeCommit"/>): new base files and
/// position deletes in, rewritten files out, each planned partition's optimized point moved to the highest
/// transaction planned, and <see cref="OptimizingCommitter.ProcessIdSummaryKey"/> in the summary so a repeated commit
/// is recognised. Writers only append to the change store, so they never conflict; changes committed after planning
/// stay after the new optimized points and keep winning. When another optimize moved a planned partition's point, a
/// replaced file is gone or the planned base snapshot was rolled back, the process is abandoned and its files deleted.
/// </summary>
internal sealed class PrimaryKeyCommitter(PrimaryKeyTable table)
{
    private const int MaxAttempts = 5;

    public async Task<OptimizingCommitResult> CommitAsync(PrimaryKeyOptimizingProcess process, IReadOnlyList<PrimaryKeyMergeOutput> outputs, CancellationToken cancellationToken)
    {
        Dictionary<int, PrimaryKeyMergeOutput> byTask = CheckOutputs(process, outputs);
        List<MergeResult> results = [.. process.Tasks.Select(t => Result(t, byTask[t.TaskId]))];
        var summary = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [OptimizingCommitter.ProcessIdSummaryKey] = process.ProcessId.ToString(CultureInfo.InvariantCulture),
            [OptimizingCommitter.TypeSummaryKey] = process.Type.ToString().ToUpperInvariant(),
        };
        for (int attempt = 1; ; attempt++)
        {
            TableMetadata current = await table.BaseTable.RefreshAsync(cancellationToken).ConfigureAwait(false);
            if (CommittedProcess.Find(current, process.ProcessId, process.BaseSnapshotId) is long existing)
            {
                return new OptimizingCommitResult { Outcome = CommitOutcome.AlreadyCommitted, SnapshotId = existing };
            }

            if (await ConflictAsync(current, process, outputs, cancellationToken).ConfigureAwait(false) is string conflict)
            {
                return await AbandonAsync(outputs, conflict, cancellationToken).ConfigureAwait(false);
            }

            OptimizedSequence points = OptimizedSequence.Of(current, current.CurrentSnapshot)
                .With(process.Partitions.Select(p => KeyValuePair.Create(p.Path, p.ToPoint)));
            try
            {
                long snapshotId = await MergeCommit.CommitAsync(table.BaseTable, current.CurrentSnapshotId, results, points, summary, cancellationToken).ConfigureAwait(false);
                return new OptimizingCommitResult
                {
                    Outcome = CommitOutcome.Committed,
                    SnapshotId = snapshotId,
                    RemovedDataFiles = results.Sum(r => r.RewrittenFiles.Count),
                    AddedDataFiles = results.Sum(r => r.NewFiles.Count),
                    RemovedDeleteFiles = results.Sum(r => r.RemovedDeletes.Count),
                    AddedDeleteFiles = results.Sum(r => r.PositionDeletes.Count),
                };
            }
            catch (FloeException e) when (e.Kind == FloeErrorKind.CommitConflict && attempt < MaxAttempts)
            {
                // The base store moved after the refresh (or a validation failed): look again from fresh metadata.
            }
            catch (FloeException e) when (e.Kind == FloeErrorKind.CommitConflict)
            {
                TableMetadata fresh = await table.BaseTable.RefreshAsync(cancellationToken).ConfigureAwait(false);
                return CommittedProcess.Find(fresh, process.ProcessId, process.BaseSnapshotId) is long landed
                    ? new OptimizingCommitResult { Outcome = CommitOutcome.AlreadyCommitted, SnapshotId = landed }
                    : await AbandonAsync(outputs, e.Message, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Why the process can no longer be committed on <paramref name="current"/>, or null.</summary>
    private async Task<string?> ConflictAsync(TableMetadata current, PrimaryKeyOptimizingProcess process, IReadOnlyList<PrimaryKeyMergeOutput> outputs, CancellationToken cancellationToken)
    {
        if (process.BaseSnapshotId is long planned
            && (current.CurrentSnapshotId is not long head || !current.Ancestors(head).Any(s => s.SnapshotId == planned)))
        {
            return string.Create(CultureInfo.InvariantCulture, $"the planned base snapshot {planned} is no longer an ancestor of the base store's current snapshot");
        }

        OptimizedSequence points = OptimizedSequence.Of(current, current.CurrentSnapshot);
        foreach (PrimaryKeyPartitionPoint partition in process.Partitions)
        {
            if (points.Of(partition.Path) != partition.FromPoint)
            {
                return string.Create(CultureInfo.InvariantCulture, $"the optimized point of partition '{partition.Path}' moved from {partition.FromPoint} to {points.Of(partition.Path)}: another optimize committed first");
            }
        }

        if (current.CurrentSnapshotId == process.BaseSnapshotId || current.CurrentSnapshotId is not long currentId)
        {
            return null;
        }

        IReadOnlyList<FileScanTask> live = await new TableScan(current, table.BaseTable.Operations.Io).UseSnapshot(currentId).PlanFilesAsync(cancellationToken).ConfigureAwait(false);
        var livePaths = live.Select(f => f.File.FilePath).ToHashSet(StringComparer.Ordinal);
        string? missing = outputs.SelectMany(o => o.RewrittenFiles.Concat(o.DeleteTargets)).FirstOrDefault(p => !livePaths.Contains(p));
        return missing is null ? null : $"base file {missing} that the process replaces or deletes rows of is no longer in the base store";
    }

    private async Task<OptimizingCommitResult> AbandonAsync(IReadOnlyList<PrimaryKeyMergeOutput> outputs, string reason, CancellationToken cancellationToken)
    {
        foreach (PrimaryKeyMergeOutput output in outputs)
        {
            await PrimaryKeyMergeExecutor.DeleteOutputAsync(table.BaseTable.Operations.Io, output, cancellationToken).ConfigureAwait(false);
        }

        return new OptimizingCommitResult { Outcome = CommitOutcome.Abandoned, Reason = reason };
    }

    /// <summary>The merge result of one task, with the files it removes taken from the task (an output names only paths the task holds).</summary>
    private static MergeResult Result(PrimaryKeyMergeTask task, PrimaryKeyMergeOutput output)
    {
        var baseFiles = task.BaseFiles.ToDictionary(f => f.File.File.FilePath, f => f.File.File, StringComparer.Ordinal);
        var deleteFiles = task.DeleteFiles.ToDictionary(f => f.File.FilePath, f => f.File, StringComparer.Ordinal);
        return new MergeResult
        {
            NewFiles = output.NewFiles,
            PositionDeletes = output.PositionDeletes,
            RewrittenFiles = [.. output.RewrittenFiles.Select(p => baseFiles[p])],
            RemovedDeletes = [.. output.RemovedDeleteFiles.Select(p => deleteFiles[p])],
            DeleteTargets = output.DeleteTargets,
            MaxTransaction = output.MaxTransaction,
        };
    }

    private static Dictionary<int, PrimaryKeyMergeOutput> CheckOutputs(PrimaryKeyOptimizingProcess process, IReadOnlyList<PrimaryKeyMergeOutput> outputs)
    {
        var byTask = new Dictionary<int, PrimaryKeyMergeOutput>();
        foreach (PrimaryKeyMergeOutput output in outputs)
        {
            if (output.ProcessId != process.ProcessId)
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Output of task {output.TaskId} belongs to process {output.ProcessId}, not {process.ProcessId}.");
            }

            if (!byTask.TryAdd(output.TaskId, output))
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Process {process.ProcessId} has two outputs for task {output.TaskId}.");
            }
        }

        var toPoints = process.Partitions.ToDictionary(p => p.Path, p => p.ToPoint, StringComparer.Ordinal);
        foreach (PrimaryKeyMergeTask task in process.Tasks)
        {
            if (!byTask.TryGetValue(task.TaskId, out PrimaryKeyMergeOutput? output))
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Process {process.ProcessId} has no output for task {task.TaskId}.");
            }

            Check(output.PartitionPath == task.PartitionPath, task, $"is for partition '{output.PartitionPath}', not '{task.PartitionPath}'");
            Check(toPoints.TryGetValue(task.PartitionPath, out long toPoint) && output.MaxTransaction <= toPoint, task, $"merged transaction {output.MaxTransaction}, after the planned optimized point");
            foreach (ContentFile file in output.NewFiles.Cast<ContentFile>().Concat(output.PositionDeletes))
            {
                Check(file.SpecId == task.Table.Spec.SpecId && file.Partition.Equals(task.Partition), task, $"wrote {file.FilePath} outside the task's partition");
            }

            var baseFiles = task.BaseFiles.Select(f => f.File.File.FilePath).ToHashSet(StringComparer.Ordinal);
            var deleteFiles = task.DeleteFiles.Select(f => f.File.FilePath).ToHashSet(StringComparer.Ordinal);
            foreach (string path in output.RewrittenFiles.Concat(output.DeleteTargets))
            {
                Check(baseFiles.Contains(path), task, $"names base file {path}, which is not one of the task's");
            }

            foreach (string path in output.RemovedDeleteFiles)
            {
                Check(deleteFiles.Contains(path), task, $"removes delete file {path}, which is not one of the task's");
            }
        }

        if (byTask.Count != process.Tasks.Count)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Process {process.ProcessId} has {process.Tasks.Count} tasks but {byTask.Count} outputs.");
        }

        return byTask;
    }

    private static void Check(bool condition, PrimaryKeyMergeTask task, string problem)
    {
        if (!condition)
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"The output of task {task.TaskId} of process {task.ProcessId} {problem}.");
        }
    }
}
