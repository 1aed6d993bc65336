using Floe.Optimizing.Targets;
using Floe.Server.Store;

namespace Floe.Server.Optimizing.Processes;

/// <summary>
/// A process the service is running: its record, its planned form (to commit it) and its tasks. Owned by the queue
/// of its group and changed only under that queue's lock.
/// </summary>
internal sealed class RunningProcess(OptimizingProcessRecord record, PlannedProcess planned, IEnumerable<OptimizingTaskRecord> tasks)
{
    public OptimizingProcessRecord Record { get; set; } = record;

    public PlannedProcess Planned { get; } = planned;

    public SortedDictionary<int, OptimizingTaskRecord> Tasks { get; } = new(tasks.ToDictionary(t => t.TaskId));

    public TableKey Table => Record.Table;

    public long Id => Record.ProcessId;

    /// <summary>The table as loaded when planned (or later, to describe and delete outputs); null until needed after a restart.</summary>
    public IOptimizingTarget? Target { get; set; }

    /// <summary>Set once every task succeeded and the commit started.</summary>
    public bool Committing { get; set; }

    public bool AllSucceeded => Tasks.Values.All(t => t.Status == TaskStatuses.Success);

    public int Held => Tasks.Values.Count(t => TaskStatuses.IsHeld(t.Status));
}
