namespace Floe.Server.Optimizing.Processes;

/// <summary>Process statuses as stored: a process runs, then ends once in one of the other three.</summary>
internal static class ProcessStatuses
{
    public const string Running = "running";
    public const string Success = "success";
    public const string Failed = "failed";

    /// <summary>Cancelled by a user, or abandoned because a concurrent change made it invalid.</summary>
    public const string Closed = "closed";

    /// <summary>A running process may end in success, failed or closed; an ended one never changes.</summary>
    public static bool IsAllowed(string from, string to) => from == Running && to is Success or Failed or Closed;
}
