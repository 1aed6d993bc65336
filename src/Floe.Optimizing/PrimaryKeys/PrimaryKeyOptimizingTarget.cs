using System.Globalization;
using Floe.Optimizing.Commit;
using Floe.Optimizing.Config;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Execution;
using Floe.Optimizing.Serialization;
using Floe.Optimizing.Targets;
using Floe.PrimaryKeys;

namespace Floe.Optimizing.PrimaryKeys;

/// <summary>
/// A primary-key table as an optimizing target: evaluation with Amoro's keyed rules, <c>mixed-merge</c> tasks per
/// partition (split by bucket node and bin-packed), and one commit to the base store. Config comes from the base
/// store's properties.
/// </summary>
public sealed class PrimaryKeyOptimizingTarget : IOptimizingTarget
{
    private readonly PrimaryKeyTable _table;

    public PrimaryKeyOptimizingTarget(PrimaryKeyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
        Config = OptimizingConfig.Of(table.BaseTable.Metadata);
    }

    /// <summary><c>base:{id}/change:{id}</c> of the snapshots as loaded (<c>none</c> for an empty store).</summary>
    public string StateKey => $"base:{Id(_table.BaseTable.Metadata.CurrentSnapshotId)}/change:{Id(_table.ChangeTable.Metadata.CurrentSnapshotId)}";

    public OptimizingConfig Config { get; }

    public async Task<TableEvaluation> EvaluateAsync(OptimizingTimes times, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(times);
        PrimaryKeyTableFiles files = await PrimaryKeyTableFiles.ReadAsync(_table, cancellationToken).ConfigureAwait(false);
        return PrimaryKeyEvaluator.Evaluate(files, _table.BaseBuckets, Config, times).Evaluation;
    }

    public async Task<PlannedProcess?> PlanAsync(long processId, OptimizingTimes times, long maxInputBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxInputBytes);
        string state = StateKey;
        PrimaryKeyTableFiles files = await PrimaryKeyTableFiles.ReadAsync(_table, cancellationToken).ConfigureAwait(false);
        var (evaluation, pending) = PrimaryKeyEvaluator.Evaluate(files, _table.BaseBuckets, Config, times);
        if (!evaluation.IsPending)
        {
            return null;
        }

        PrimaryKeyOptimizingProcess? process = PrimaryKeyPlanner.Plan(_table, files, pending, processId, maxInputBytes, Config, evaluation.Reason);
        if (process is null)
        {
            return null;
        }

        return new PlannedProcess
        {
            ProcessId = processId,
            Type = process.Type,
            Json = TaskPayloads.ToJson(process),
            Reason = process.Reason,
            FromState = state,
            Tasks = [.. process.Tasks.Select(t => new PlannedTask(t.TaskId, OptimizingTaskKinds.PrimaryKeyMerge, TaskPayloads.ToJson(t), t.InputFiles, t.InputBytes))],
        };
    }

    public Task<OptimizingCommitResult> CommitAsync(PlannedProcess process, IReadOnlyList<string> outputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(outputs);
        PrimaryKeyOptimizingProcess parsed = TaskPayloads.ParseMergeProcess(process.Json);
        return new PrimaryKeyCommitter(_table).CommitAsync(parsed, [.. outputs.Select(TaskPayloads.ParseMergeOutput)], cancellationToken);
    }

    public TaskOutputSummary DescribeOutput(string output)
    {
        PrimaryKeyMergeOutput parsed = TaskPayloads.ParseMergeOutput(output);
        return new TaskOutputSummary(parsed.OutputFiles, parsed.OutputBytes, parsed.NewRows);
    }

    public Task DeleteOutputAsync(string output, CancellationToken cancellationToken) =>
        PrimaryKeyMergeExecutor.DeleteOutputAsync(_table.BaseTable.Operations.Io, TaskPayloads.ParseMergeOutput(output), cancellationToken);

    private static string Id(long? snapshotId) => snapshotId?.ToString(CultureInfo.InvariantCulture) ?? "none";
}
