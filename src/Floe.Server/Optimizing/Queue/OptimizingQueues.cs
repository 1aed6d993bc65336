using System.Collections.Concurrent;
using Floe.Server.Optimizing.Processes;

namespace Floe.Server.Optimizing.Queue;

/// <summary>The queue of each optimizer group, created on first use.</summary>
internal sealed class OptimizingQueues(OptimizingContext context)
{
    private readonly ConcurrentDictionary<string, OptimizingQueue> _queues = new(StringComparer.Ordinal);

    public ProcessIds Ids { get; } = new();

    /// <summary>Called with a table after a commit of any queue ended.</summary>
    public Func<Store.TableKey, CancellationToken, Task>? Committed { get; set; }

    public OptimizingQueue Of(string group) => _queues.GetOrAdd(group, name => new OptimizingQueue(name, context, Ids) { Committed = Committed });

    public IReadOnlyList<OptimizingQueue> All => [.. _queues.Values];

    /// <summary>The queue running <paramref name="processId"/>, or null.</summary>
    public OptimizingQueue? Owning(long processId) => _queues.Values.FirstOrDefault(q => q.Owns(processId));

    public void PulseAll()
    {
        foreach (OptimizingQueue queue in _queues.Values)
        {
            queue.Pulse();
        }
    }
}
