using System.Globalization;
using Floe.Common.Errors;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Optimizing.Execution;
using Floe.Optimizing.Planning;
using Floe.Table.Operations;

namespace Floe.Optimizing.Commit;

/// <summary>
/// Commits a finished process as one <c>replace</c> snapshot: the rewritten data and delete files go, the task
/// outputs come in, validated against everything committed since the process's starting snapshot, and the new data
/// files keep the starting snapshot's sequence number so equality deletes committed meanwhile still apply to them.
/// Writers always win: a plain commit conflict is retried on fresh metadata (the table's commit retries); a concurrent
/// change that invalidates the process (a replaced file removed, a position delete added to a replaced file)
/// abandons it, and its output files are deleted. Rows are never lost or duplicated: either every rewritten file is
/// replaced by its output in one snapshot or the table is untouched.
/// </summary>
public sealed class OptimizingCommitter
{
    /// <summary>Snapshot summary key naming the process that wrote a snapshot.</summary>
    public const string ProcessIdSummaryKey = "floe.optimizing.process-id";

    /// <summary>Snapshot summary key with the optimizing type.</summary>
    public const string TypeSummaryKey = "floe.optimizing.type";

    private readonly IcebergTable _table;

    public OptimizingCommitter(IcebergTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
    }

    public async Task<OptimizingCommitResult> CommitAsync(OptimizingProcess process, IReadOnlyList<RewriteTaskOutput> outputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(outputs);
        Dictionary<int, RewriteTaskOutput> byTask = CheckOutputs(process, outputs);
        TableMetadata current = await _table.RefreshAsync(cancellationToken).ConfigureAwait(false);
        if (CommittedProcess.Find(current, process.ProcessId, process.FromSnapshotId) is long existing)
        {
            return new OptimizingCommitResult { Outcome = CommitOutcome.AlreadyCommitted, SnapshotId = existing };
        }

        if (current.SnapshotById(process.FromSnapshotId) is null
            || current.CurrentSnapshotId is not long head
            || !current.Ancestors(head).Any(s => s.SnapshotId == process.FromSnapshotId))
        {
            return await AbandonAsync(outputs, $"the starting snapshot {process.FromSnapshotId} is no longer an ancestor of the table's current snapshot", cancellationToken).ConfigureAwait(false);
        }

        RewriteFiles rewrite = _table.NewRewrite();
        var removedDeletes = new HashSet<string>(StringComparer.Ordinal);
        int removedData = 0, addedData = 0, addedDeletes = 0;
        foreach (RewriteTask task in process.Tasks)
        {
            foreach (TaskFile file in task.RewrittenDataFiles)
            {
                rewrite.DeleteFile(file.File);
                removedData++;
            }

            foreach (TaskFile file in task.RewrittenDeleteFiles)
            {
                if (removedDeletes.Add(file.File.FilePath))
                {
                    rewrite.DeleteFile(file.File);
                }
            }

            RewriteTaskOutput output = byTask[task.TaskId];
            foreach (DataFile file in output.DataFiles)
            {
                rewrite.AddFile(file);
                addedData++;
            }

            foreach (DeleteFile file in output.DeleteFiles)
            {
                rewrite.AddFile(file);
                addedDeletes++;
            }
        }

        if (addedData > 0)
        {
            rewrite.DataSequenceNumber(process.FromSequenceNumber);
        }

        rewrite.ValidateFromSnapshot(process.FromSnapshotId);
        rewrite.Set(ProcessIdSummaryKey, process.ProcessId.ToString(CultureInfo.InvariantCulture));
        rewrite.Set(TypeSummaryKey, process.Type.ToString().ToUpperInvariant());
        try
        {
            TableMetadata committed = await rewrite.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new OptimizingCommitResult
            {
                Outcome = CommitOutcome.Committed,
                SnapshotId = committed.CurrentSnapshotId,
                RemovedDataFiles = removedData,
                AddedDataFiles = addedData,
                RemovedDeleteFiles = removedDeletes.Count,
                AddedDeleteFiles = addedDeletes,
            };
        }
        catch (FloeException e) when (e.Kind == FloeErrorKind.CommitConflict)
        {
            // A repeated commit whose first attempt did land must not delete the files that table now holds.
            TableMetadata fresh = await _table.RefreshAsync(cancellationToken).ConfigureAwait(false);
            if (CommittedProcess.Find(fresh, process.ProcessId, process.FromSnapshotId) is long landed)
            {
                return new OptimizingCommitResult { Outcome = CommitOutcome.AlreadyCommitted, SnapshotId = landed };
            }

            return await AbandonAsync(outputs, e.Message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the outputs of a process that will not be committed.</summary>
    private async Task<OptimizingCommitResult> AbandonAsync(IReadOnlyList<RewriteTaskOutput> outputs, string reason, CancellationToken cancellationToken)
    {
        foreach (RewriteTaskOutput output in outputs)
        {
            await RewriteTaskExecutor.DeleteOutputAsync(_table.Operations.Io, output, cancellationToken).ConfigureAwait(false);
        }

        return new OptimizingCommitResult { Outcome = CommitOutcome.Abandoned, Reason = reason };
    }

    private static Dictionary<int, RewriteTaskOutput> CheckOutputs(OptimizingProcess process, IReadOnlyList<RewriteTaskOutput> outputs)
    {
        var byTask = new Dictionary<int, RewriteTaskOutput>();
        foreach (RewriteTaskOutput output in outputs)
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

        foreach (RewriteTask task in process.Tasks)
        {
            if (!byTask.TryGetValue(task.TaskId, out RewriteTaskOutput? output))
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Process {process.ProcessId} has no output for task {task.TaskId}.");
            }

            if (output.OutputRecords != output.InputRecords)
            {
                throw new FloeException(FloeErrorKind.InvalidData, $"Task {task.TaskId} of process {process.ProcessId} read {output.InputRecords} rows but its files hold {output.OutputRecords}.");
            }

            foreach (ContentFile file in output.DataFiles.Cast<ContentFile>().Concat(output.DeleteFiles))
            {
                if (file.SpecId != task.Table.Spec.SpecId || !file.Partition.Equals(task.Partition))
                {
                    throw new FloeException(FloeErrorKind.InvalidData, $"Output file {file.FilePath} of task {task.TaskId} is not in the task's partition.");
                }
            }
        }

        if (byTask.Count != process.Tasks.Count)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Process {process.ProcessId} has {process.Tasks.Count} tasks but {byTask.Count} outputs.");
        }

        return byTask;
    }
}
