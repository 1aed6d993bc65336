using Floe.Optimizing.Execution;

namespace Floe.Optimizer;

/// <summary>How an <see cref="OptimizerWorker"/> reaches its server and runs tasks.</summary>
public sealed record OptimizerWorkerOptions
{
    /// <summary>The Floe server's base URL, such as <c>http://localhost:1630</c>.</summary>
    public required Uri ServerUrl { get; init; }

    /// <summary>The optimizer group to serve.</summary>
    public string Group { get; init; } = "default";

    /// <summary>Tasks run at once; each thread polls for its own.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>An admin token secret for a server with <c>auth: token</c>; null when the server needs none.</summary>
    public string? BearerToken { get; init; }

    /// <summary>Heartbeat this often instead of the interval the server asks for.</summary>
    public TimeSpan? HeartbeatInterval { get; init; }

    /// <summary>The executors by task kind; null for the built-in ones over local files.</summary>
    public OptimizingTaskExecutors? Executors { get; init; }

    /// <summary>Where the worker writes one line per registration, finished task and connection problem; null for nowhere.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>The first delay before a failed call is repeated (and after <see cref="EmptyPollsBeforeBackoff"/> empty polls).</summary>
    public TimeSpan MinRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay; delays double from <see cref="MinRetryDelay"/> up to it.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Empty polls in a row a thread takes before it waits between polls.</summary>
    public int EmptyPollsBeforeBackoff { get; init; } = 5;

    /// <summary>How long a call may take before it counts as unanswered (a poll gets the server's poll timeout on top).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After a stop, how long reporting a finished task and unregistering may still take.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Memory stated to the server at registration (0: not stated).</summary>
    public int MemoryMb { get; init; }

    /// <summary>The resource id the server started this optimizer under; null when started by hand.</summary>
    public string? ResourceId { get; init; }

    /// <summary>Free-form properties sent at registration.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();
}
