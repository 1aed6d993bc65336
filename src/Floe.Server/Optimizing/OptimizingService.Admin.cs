using Floe.Common.Errors;
using Floe.Server.Store;

namespace Floe.Server.Optimizing;

public sealed partial class OptimizingService
{
    /// <summary>Creates an optimizer group; <paramref name="localThreads"/> &gt; 0 has the server run an optimizer for it.</summary>
    public async Task<OptimizerGroupRecord> CreateGroupAsync(string name, int localThreads, IReadOnlyDictionary<string, string> properties, CancellationToken cancellationToken)
    {
        if (!Hosting.CatalogNameRules.IsValid(name))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"'{name}' is not a group name (letters, digits, '_', '-', '.'; starting with a letter or digit).");
        }

        CheckThreads(localThreads);
        OptimizerGroupRecord group;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            group = new OptimizerGroupRecord(name, localThreads, properties, NowMs());
            await _store.CreateGroupAsync(group, cancellationToken).ConfigureAwait(false);
            _groups[name] = group;
        }
        finally
        {
            _gate.Release();
        }

        GroupChanged?.Invoke(group);
        return group;
    }

    /// <summary>Changes a group's local optimizer threads (and properties when given); NotFound for an unknown group.</summary>
    public async Task<OptimizerGroupRecord> ResizeGroupAsync(string name, int localThreads, IReadOnlyDictionary<string, string>? properties, CancellationToken cancellationToken)
    {
        CheckThreads(localThreads);
        OptimizerGroupRecord group;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            OptimizerGroupRecord existing = _groups.TryGetValue(name, out OptimizerGroupRecord? found) ? found : throw NoSuchGroup(name);
            group = existing with { LocalThreads = localThreads, Properties = properties ?? existing.Properties };
            await _store.UpdateGroupAsync(group, cancellationToken).ConfigureAwait(false);
            _groups[name] = group;
        }
        finally
        {
            _gate.Release();
        }

        GroupChanged?.Invoke(group);
        return group;
    }

    /// <summary>Drops a group no optimizer and no table uses; the default group stays.</summary>
    public async Task DropGroupAsync(string name, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        OptimizerGroupRecord group;
        try
        {
            group = _groups.TryGetValue(name, out OptimizerGroupRecord? found) ? found : throw NoSuchGroup(name);
            if (name == DefaultGroup)
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, "The default optimizer group cannot be dropped.");
            }

            if (_optimizers.Values.Any(o => o.Group == name && !o.Properties.ContainsKey(LocalOptimizerProperty)) || _runtimes.Values.Any(r => r.Group == name))
            {
                throw new FloeException(FloeErrorKind.NotEmpty, $"Optimizer group {name} still has optimizers or tables; move them first.");
            }

            await _store.DropGroupAsync(name, cancellationToken).ConfigureAwait(false);
            _groups.Remove(name);
        }
        finally
        {
            _gate.Release();
        }

        GroupChanged?.Invoke(group with { LocalThreads = 0 });
    }

    /// <summary>The property an optimizer run by the server itself registers with.</summary>
    public const string LocalOptimizerProperty = "floe.local";

    /// <summary>Every table's optimizing state.</summary>
    public async Task<IReadOnlyList<TableRuntimeRecord>> TablesAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return [.. _runtimes.Values.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal)];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One table's optimizing state and its quota occupation; NotFound before the service has seen it.</summary>
    public async Task<(TableRuntimeRecord Runtime, double Occupation)> TableAsync(TableKey key, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            TableRuntimeRecord runtime = _runtimes.TryGetValue(key, out TableRuntimeRecord? found)
                ? found
                : throw new FloeException(FloeErrorKind.NotFound, $"The optimizing service has not seen table {key} yet.");
            return (runtime, Occupation(key, runtime.Group));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Processes newest first, of one table or all.</summary>
    public Task<List<OptimizingProcessRecord>> ProcessesAsync(TableKey? table, int limit, CancellationToken cancellationToken) =>
        _store.ListProcessesAsync(table, null, Math.Clamp(limit, 1, 1000), cancellationToken);

    /// <summary>A process with its tasks; NotFound for an unknown id.</summary>
    public async Task<(OptimizingProcessRecord Process, IReadOnlyList<OptimizingTaskRecord> Tasks)> ProcessAsync(long processId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_processes.TryGetValue(processId, out RunningProcess? running))
            {
                return (running.Record, [.. running.Tasks.Values]);
            }
        }
        finally
        {
            _gate.Release();
        }

        OptimizingProcessRecord process = await _store.GetProcessAsync(processId, cancellationToken).ConfigureAwait(false)
            ?? throw new FloeException(FloeErrorKind.NotFound, $"There is no optimizing process {processId}.");
        return (process, await _store.ListTasksAsync(processId, cancellationToken).ConfigureAwait(false));
    }

    private static void CheckThreads(int localThreads)
    {
        if (localThreads is < 0 or > 1024)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Local threads must be 0 to 1024, not {localThreads}.");
        }
    }

    private static FloeException NoSuchGroup(string name) => new(FloeErrorKind.NotFound, $"Optimizer group {name} does not exist.");
}
