using System.Globalization;
using Floe.Optimizing.Commit;
using Floe.Optimizing.Config;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Execution;
using Floe.Optimizing.Planning;
using Floe.Optimizing.Serialization;
using Floe.Table.Operations;

namespace Floe.Optimizing.Targets;

/// <summary>A plain Iceberg table as an optimizing target: <see cref="OptimizingPlanner"/> tasks, <see cref="OptimizingCommitter"/> commits.</summary>
public sealed class IcebergOptimizingTarget : IOptimizingTarget
{
    private readonly IcebergTable _table;

    public IcebergOptimizingTarget(IcebergTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
        Config = OptimizingConfig.Of(table.Metadata);
    }

    public string StateKey => _table.Metadata.CurrentSnapshotId?.ToString(CultureInfo.InvariantCulture) ?? "none";

    public OptimizingConfig Config { get; }

    public Task<TableEvaluation> EvaluateAsync(OptimizingTimes times, CancellationToken cancellationToken) =>
        new TableEvaluator(_table.Metadata, _table.Operations.Io, Config).EvaluateAsync(times, cancellationToken);

    public async Task<PlannedProcess?> PlanAsync(long processId, OptimizingTimes times, long maxInputBytes, CancellationToken cancellationToken)
    {
        OptimizingProcess? process = await new OptimizingPlanner(_table.Metadata, _table.Operations.Io, Config) { MaxInputBytes = maxInputBytes }
            .PlanAsync(processId, times, cancellationToken).ConfigureAwait(false);
        if (process is null || process.Tasks.Count == 0)
        {
            return null;
        }

        (string json, IReadOnlyList<string> taskJson) = TaskPayloads.ToJsonWithTasks(process);
        return new PlannedProcess
        {
            ProcessId = processId,
            Type = process.Type,
            Json = json,
            Reason = process.Reason,
            FromState = process.FromSnapshotId.ToString(CultureInfo.InvariantCulture),
            Tasks = [.. process.Tasks.Select((t, i) => new PlannedTask(
                t.TaskId,
                OptimizingTaskKinds.IcebergRewrite,
                taskJson[i],
                t.RewrittenDataFiles.Count + t.RewritePosDataFiles.Count + t.ReadOnlyDeleteFiles.Count + t.RewrittenDeleteFiles.Count,
                t.InputBytes))],
        };
    }

    public Task<OptimizingCommitResult> CommitAsync(PlannedProcess process, IReadOnlyList<string> outputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(outputs);
        OptimizingProcess parsed = TaskPayloads.ParseProcess(process.Json);
        return new OptimizingCommitter(_table).CommitAsync(parsed, [.. outputs.Select(TaskPayloads.ParseOutput)], cancellationToken);
    }

    public TaskOutputSummary DescribeOutput(string output)
    {
        RewriteTaskOutput parsed = TaskPayloads.ParseOutput(output);
        return new TaskOutputSummary(parsed.DataFiles.Count + parsed.DeleteFiles.Count, parsed.OutputBytes, parsed.OutputRecords);
    }

    public Task DeleteOutputAsync(string output, CancellationToken cancellationToken) =>
        RewriteTaskExecutor.DeleteOutputAsync(_table.Operations.Io, TaskPayloads.ParseOutput(output), cancellationToken);
}
