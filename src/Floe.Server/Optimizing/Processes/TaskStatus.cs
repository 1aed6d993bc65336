namespace Floe.Server.Optimizing.Processes;

/// <summary>A task's status (Amoro's task runtime): planned → scheduled → acked → success | failed; canceled.</summary>
internal enum TaskStatus
{
    Planned,
    Scheduled,
    Acked,
    Success,
    Failed,
    Canceled,
}

/// <summary>Task statuses as stored, and the transitions the service allows.</summary>
internal static class TaskStatuses
{
    public const string Planned = "planned";
    public const string Scheduled = "scheduled";
    public const string Acked = "acked";
    public const string Success = "success";
    public const string Failed = "failed";
    public const string Canceled = "canceled";

    public static string ToText(TaskStatus status) => status switch
    {
        TaskStatus.Planned => Planned,
        TaskStatus.Scheduled => Scheduled,
        TaskStatus.Acked => Acked,
        TaskStatus.Success => Success,
        TaskStatus.Failed => Failed,
        TaskStatus.Canceled => Canceled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static TaskStatus Parse(string text) => text switch
    {
        Planned => TaskStatus.Planned,
        Scheduled => TaskStatus.Scheduled,
        Acked => TaskStatus.Acked,
        Success => TaskStatus.Success,
        Failed => TaskStatus.Failed,
        Canceled => TaskStatus.Canceled,
        _ => throw new Common.Errors.FloeException(Common.Errors.FloeErrorKind.InvalidData, $"'{text}' is not an optimizing task status."),
    };

    /// <summary>Dispatched and not finished: held by an optimizer.</summary>
    public static bool IsHeld(string status) => status is Scheduled or Acked;

    /// <summary>
    /// Whether a task may go from <paramref name="from"/> to <paramref name="to"/>: dispatched when planned; acked
    /// when scheduled; finished, failed or taken back (to planned) while held; a failed task is planned again only by
    /// restart recovery; any unfinished task may be canceled with its process.
    /// </summary>
    public static bool IsAllowed(TaskStatus from, TaskStatus to) => (from, to) switch
    {
        (TaskStatus.Planned, TaskStatus.Scheduled) => true,
        (TaskStatus.Scheduled, TaskStatus.Acked) => true,
        (TaskStatus.Scheduled or TaskStatus.Acked, TaskStatus.Success or TaskStatus.Failed or TaskStatus.Planned) => true,
        (TaskStatus.Failed, TaskStatus.Planned) => true,
        (TaskStatus.Planned or TaskStatus.Scheduled or TaskStatus.Acked, TaskStatus.Canceled) => true,
        _ => false,
    };
}
