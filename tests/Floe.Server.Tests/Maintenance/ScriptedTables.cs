using Floe.Server.Maintenance;
using Floe.Server.Store;

namespace Floe.Server.Tests.Maintenance;

/// <summary>Real tables of a server's catalogs, with loads a test can fail or hold at a gate.</summary>
internal sealed class ScriptedTables(IMaintenanceTables inner) : IMaintenanceTables
{
    private int _loads;

    /// <summary>Failures the next loads throw, in order.</summary>
    public Queue<Exception> Failures { get; } = new();

    /// <summary>When set, a load waits for it (and <see cref="Entered"/> says it is waiting).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Loads => Volatile.Read(ref _loads);

    public Task<IReadOnlyList<TableKey>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

    public async Task<MaintainedTable> LoadAsync(TableKey key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _loads);
        if (Gate is { } gate)
        {
            Entered.TrySetResult();
            await gate.Task.WaitAsync(cancellationToken);
        }

        lock (Failures)
        {
            if (Failures.TryDequeue(out Exception? failure))
            {
                throw failure;
            }
        }

        return await inner.LoadAsync(key, cancellationToken);
    }
}
