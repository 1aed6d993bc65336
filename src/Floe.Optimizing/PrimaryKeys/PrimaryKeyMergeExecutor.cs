using System.Diagnostics;
using System.Globalization;
using Floe.Common.Errors;
using Floe.Common.Threading;
using Floe.Core.IO;
using Floe.Core.Properties;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Execution;
using Floe.Optimizing.Serialization;
using Floe.PrimaryKeys.Model;
using Floe.PrimaryKeys.Optimizing;

namespace Floe.Optimizing.PrimaryKeys;

/// <summary>
/// The <see cref="OptimizingTaskKinds.PrimaryKeyMerge"/> executor: runs a <see cref="PrimaryKeyMergeTask"/> through
/// <see cref="PartitionMerger"/> with nothing but file IO. Output names carry the process id, task id and attempt
/// (<c>{node}-B-{txId}-{partition}-{task}-opt-{process}-{attempt}-{n}.parquet</c>), so a retry never collides with an
/// earlier attempt; a failing attempt deletes what it wrote.
/// </summary>
public sealed class PrimaryKeyMergeExecutor : IOptimizingTaskExecutor
{
    private readonly IFileIO _io;

    public PrimaryKeyMergeExecutor(IFileIO io)
    {
        ArgumentNullException.ThrowIfNull(io);
        _io = io;
    }

    public string Kind => OptimizingTaskKinds.PrimaryKeyMerge;

    public Task<string> ExecuteAsync(string taskJson, int attempt, CancellationToken cancellationToken) =>
        ExecuteAsync(taskJson, attempt, threads: null, cancellationToken);

    /// <summary>Runs the task; the columns of its new files are also encoded on the idle threads of <paramref name="threads"/> it can borrow.</summary>
    public async Task<string> ExecuteAsync(string taskJson, int attempt, ThreadBudget? threads, CancellationToken cancellationToken)
    {
        PrimaryKeyMergeOutput output = await ExecuteAsync(TaskPayloads.ParseMergeTask(taskJson), attempt, threads, cancellationToken).ConfigureAwait(false);
        return TaskPayloads.ToJson(output);
    }

    public Task<PrimaryKeyMergeOutput> ExecuteAsync(PrimaryKeyMergeTask task, int attempt, CancellationToken cancellationToken = default) =>
        ExecuteAsync(task, attempt, threads: null, cancellationToken);

    /// <summary>
    /// Runs <paramref name="task"/> as attempt <paramref name="attempt"/>, encoding columns on its own thread and on the
    /// idle threads of <paramref name="threads"/> it can borrow (null: its own only).
    /// </summary>
    public async Task<PrimaryKeyMergeOutput> ExecuteAsync(PrimaryKeyMergeTask task, int attempt, ThreadBudget? threads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var clock = Stopwatch.StartNew();
        MergeWork work = Work(task, attempt) with { EncodingParallelism = threads?.Total ?? 1, EncodingThreads = threads };
        if (work.BaseFileOutsideNodes() is string outside)
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"Invalid mixed-merge task JSON: base file {outside} lies outside the task's 'nodes'.");
        }

        // Task JSON names files by path: every file read, written or deleted must lie in the table's folder.
        IFileIO io = ConfinedFileIO.To(_io, PrimaryKeyTableMetadata.Root(task.Table.Location));
        MergeResult result = await PartitionMerger.RunAsync(io, work, cancellationToken).ConfigureAwait(false);
        return new PrimaryKeyMergeOutput
        {
            ProcessId = task.ProcessId,
            TaskId = task.TaskId,
            Attempt = attempt,
            PartitionPath = task.PartitionPath,
            NewFiles = result.NewFiles,
            PositionDeletes = result.PositionDeletes,
            RewrittenFiles = [.. result.RewrittenFiles.Select(f => f.FilePath)],
            RemovedDeleteFiles = [.. result.RemovedDeletes.Select(f => f.FilePath)],
            DeleteTargets = [.. result.DeleteTargets],
            MaxTransaction = result.MaxTransaction,
            ChangeRows = result.ChangeRows,
            NewRows = result.NewRows,
            DeletedRows = result.DeletedRows,
            InputBytes = result.InputBytes,
            ElapsedMs = clock.ElapsedMilliseconds,
        };
    }

    /// <summary>Deletes the files an output wrote (an attempt that will not be committed).</summary>
    public static async Task DeleteOutputAsync(IFileIO io, PrimaryKeyMergeOutput output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(output);
        foreach (string path in output.WrittenPaths)
        {
            await io.DeleteAsync(path, cancellationToken).ConfigureAwait(false);
        }
    }

    private static MergeWork Work(PrimaryKeyMergeTask task, int attempt)
    {
        PrimaryKey key;
        try
        {
            key = PrimaryKey.Of(task.Table.Schema, task.PrimaryKey);
        }
        catch (FloeException e) when (e.Kind == FloeErrorKind.InvalidArgument)
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"Invalid mixed-merge task JSON: 'primary-key' does not fit the schema: {e.Message}", e);
        }

        var deletes = task.DeleteFiles.ToDictionary(f => f.File.FilePath, f => f.AsDelete, StringComparer.Ordinal);
        return new MergeWork
        {
            Schema = task.Table.Schema,
            Spec = task.Table.Spec,
            Properties = task.Table.Properties,
            DataPath = TableFolders.Data(task.Table.Location, task.Table.Properties),
            KeyFieldIds = key.FieldIds,
            BaseBuckets = task.BaseBuckets,
            Partition = task.Partition,
            PartitionOrdinal = task.PartitionOrdinal,
            OptimizedPoint = task.OptimizedPoint,
            BaseFiles = [.. task.BaseFiles.Select(f => new MergeFile(f.File.AsData, f.File.DataSequenceNumber, [.. f.Deletes.Select(p => deletes[p])]))],
            ChangeFiles = [.. task.ChangeFiles.Select(f => new MergeFile(f.AsData, f.DataSequenceNumber))],
            RewriteAlways = task.RewriteAlways.ToHashSet(StringComparer.Ordinal),
            PartitionBaseFiles = task.PartitionBaseFiles.Count == 0 ? null : task.PartitionBaseFiles,
            Nodes = task.Nodes.Count == 0 ? null : [.. task.Nodes.Select(DataTreeNode.OfId)],
            Mode = task.Type == OptimizingType.Full ? OptimizeMode.Full : OptimizeMode.Minor,
            RewriteRatio = task.RewriteRatio,
            TargetFileSize = task.TargetSize,
            TaskId = task.TaskId,
            OperationId = string.Create(CultureInfo.InvariantCulture, $"opt-{task.ProcessId}-{attempt}"),
        };
    }
}
