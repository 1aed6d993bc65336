using Floe.Common.Errors;
using Floe.Contracts.Optimizer;
using Floe.Server.Store;

namespace Floe.Server.Optimizing.Registry;

/// <summary>The optimizer groups, as stored; the default group always exists. Changes are serialised by their own lock.</summary>
internal sealed class OptimizerGroups(OptimizingStore store)
{
    /// <summary>The group every table belongs to unless <c>self-optimizing.group</c> names another.</summary>
    public const string DefaultGroup = "default";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, OptimizerGroupRecord> _groups = new(StringComparer.Ordinal);

    /// <summary>Loads the groups, creating the default one with <paramref name="defaultThreads"/> local threads.</summary>
    public async Task LoadAsync(int defaultThreads, long nowMs, CancellationToken cancellationToken)
    {
        foreach (OptimizerGroupRecord group in await store.ListGroupsAsync(cancellationToken).ConfigureAwait(false))
        {
            _groups[group.Name] = group;
        }

        if (!_groups.ContainsKey(DefaultGroup))
        {
            var group = new OptimizerGroupRecord(DefaultGroup, defaultThreads, new Dictionary<string, string>(), nowMs);
            await store.CreateGroupAsync(group, cancellationToken).ConfigureAwait(false);
            _groups[DefaultGroup] = group;
        }
    }

    public bool Exists(string name) => _groups.ContainsKey(name);

    /// <summary>Runs <paramref name="join"/> (an optimizer registering in the group) while the group cannot be dropped; NoSuchGroup when it does not exist.</summary>
    public Task<T> JoinAsync<T>(string name, Func<T> join, CancellationToken cancellationToken) =>
        UnderLockAsync(() => Task.FromResult(_groups.ContainsKey(name) ? join() : throw OptimizerFault.NoSuchGroup(name)), cancellationToken);

    public IReadOnlyList<OptimizerGroupRecord> List() => [.. _groups.Values.OrderBy(g => g.Name, StringComparer.Ordinal)];

    public async Task<OptimizerGroupRecord> CreateAsync(string name, int localThreads, IReadOnlyDictionary<string, string> properties, long nowMs, CancellationToken cancellationToken)
    {
        if (!Hosting.CatalogNameRules.IsValid(name))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"'{name}' is not a group name (letters, digits, '_', '-', '.'; starting with a letter or digit).");
        }

        CheckThreads(localThreads);
        return await UnderLockAsync(async () =>
        {
            var group = new OptimizerGroupRecord(name, localThreads, properties, nowMs);
            await store.CreateGroupAsync(group, cancellationToken).ConfigureAwait(false);
            _groups[name] = group;
            return group;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<OptimizerGroupRecord> ResizeAsync(string name, int localThreads, IReadOnlyDictionary<string, string>? properties, CancellationToken cancellationToken)
    {
        CheckThreads(localThreads);
        return await UnderLockAsync(async () =>
        {
            OptimizerGroupRecord existing = _groups.TryGetValue(name, out OptimizerGroupRecord? found) ? found : throw NoSuchGroup(name);
            OptimizerGroupRecord group = existing with { LocalThreads = localThreads, Properties = properties ?? existing.Properties };
            await store.UpdateGroupAsync(group, cancellationToken).ConfigureAwait(false);
            _groups[name] = group;
            return group;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops a group that <paramref name="inUse"/> does not claim; the default group stays.</summary>
    public async Task<OptimizerGroupRecord> DropAsync(string name, Func<bool> inUse, CancellationToken cancellationToken) =>
        await UnderLockAsync(async () =>
        {
            OptimizerGroupRecord group = _groups.TryGetValue(name, out OptimizerGroupRecord? found) ? found : throw NoSuchGroup(name);
            if (name == DefaultGroup)
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, "The default optimizer group cannot be dropped.");
            }

            if (inUse())
            {
                throw new FloeException(FloeErrorKind.NotEmpty, $"Optimizer group {name} still has optimizers or tables; move them first.");
            }

            await store.DropGroupAsync(name, cancellationToken).ConfigureAwait(false);
            _groups.TryRemove(name, out _);
            return group;
        }, cancellationToken).ConfigureAwait(false);

    private async Task<T> UnderLockAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
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
