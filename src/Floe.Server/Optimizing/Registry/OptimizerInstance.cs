namespace Floe.Server.Optimizing;

/// <summary>A registered optimizer: its token, group and threads, and when it was last heard from.</summary>
public sealed class OptimizerInstance
{
    public required string Token { get; init; }

    public required string Group { get; init; }

    public required int Threads { get; init; }

    public string? ResourceId { get; init; }

    public long MemoryMb { get; init; }

    public required long RegisteredMs { get; init; }

    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>The last register, heartbeat or call (Unix ms); the heartbeat timeout counts from here.</summary>
    public long TouchedMs { get; set; }

    /// <summary>
    /// Polls of this optimizer the server is still answering (changed under the registry's lock). While one runs the
    /// optimizer is waiting on the server, not silent: the heartbeat timeout does not run.
    /// </summary>
    public int PollsInProgress { get; set; }
}
