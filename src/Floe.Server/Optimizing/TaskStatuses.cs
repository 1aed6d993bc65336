namespace Floe.Server.Optimizing;

/// <summary>Task statuses as stored (Amoro's task runtime: planned → scheduled → acked → success | failed; canceled).</summary>
internal static class TaskStatuses
{
    public const string Planned = "planned";
    public const string Scheduled = "scheduled";
    public const string Acked = "acked";
    public const string Success = "success";
    public const string Failed = "failed";
    public const string Canceled = "canceled";

    /// <summary>Dispatched and not finished: held by an optimizer.</summary>
    public static bool IsHeld(string status) => status is Scheduled or Acked;
}

/// <summary>Process statuses as stored.</summary>
internal static class ProcessStatuses
{
    public const string Running = "running";
    public const string Success = "success";
    public const string Failed = "failed";

    /// <summary>Cancelled by a user, or abandoned because a concurrent change made it invalid.</summary>
    public const string Closed = "closed";
}
