namespace Floe.Table.Scanning;

/// <summary>
/// Scan tasks planned to be read together by one worker: small files packed up to the split target size, or one range
/// of a large file (<see cref="TableScan.PlanTasksAsync"/>).
/// </summary>
public sealed class CombinedScanTask
{
    public CombinedScanTask(IReadOnlyList<FileScanTask> tasks, long weight)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        Tasks = tasks;
        Weight = weight;
    }

    /// <summary>The tasks, in plan order.</summary>
    public IReadOnlyList<FileScanTask> Tasks { get; }

    /// <summary>The packing weight: bytes to read, each task counted as at least the open-file cost.</summary>
    public long Weight { get; }

    public override string ToString() => $"{Tasks.Count} tasks, weight {Weight}";
}
