using Floe.Contracts.Optimizer;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Optimizing.Registry;

/// <summary>
/// The registered optimizers (Amoro's optimizer manager): registration, tokens, heartbeats and expiry. Its lock is
/// a leaf: held for dictionary work only, never across an await, and no other lock is taken under it, so any part
/// may consult the registry while holding its own lock.
/// </summary>
internal sealed class OptimizerRegistry(TimeProvider clock, ILogger log)
{
    /// <summary>The property an optimizer run by the server itself registers with.</summary>
    public const string LocalOptimizerProperty = "floe.local";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, OptimizerInstance> _optimizers = new(StringComparer.Ordinal);

    /// <summary>
    /// Adds an optimizer with a new token. A local optimizer replaces the group's earlier one (whose stop raced its
    /// registration); the tokens it replaced are returned so their tasks can be taken back.
    /// </summary>
    public (OptimizerInstance Optimizer, IReadOnlyList<string> Replaced) Register(
        string group, int threads, string? resourceId, long memoryMb, IReadOnlyDictionary<string, string> properties)
    {
        long now = NowMs();
        var optimizer = new OptimizerInstance
        {
            Token = OptimizerTokens.New(),
            Group = group,
            Threads = threads,
            ResourceId = resourceId,
            MemoryMb = memoryMb,
            RegisteredMs = now,
            Properties = properties,
            TouchedMs = now,
        };
        List<string> replaced = [];
        lock (_lock)
        {
            if (properties.ContainsKey(LocalOptimizerProperty))
            {
                replaced.AddRange(_optimizers.Values.Where(o => o.Group == group && o.Properties.ContainsKey(LocalOptimizerProperty)).Select(o => o.Token));
                replaced.ForEach(token => _optimizers.Remove(token));
            }

            _optimizers[optimizer.Token] = optimizer;
        }

        log.LogInformation("Optimizing: optimizer registered in group {Group} with {Threads} threads", group, threads);
        return (optimizer, replaced);
    }

    /// <summary>The optimizer of <paramref name="token"/>, now heard from; an <see cref="OptimizerFault"/> for a malformed or unknown token.</summary>
    public OptimizerInstance Touch(string token)
    {
        OptimizerTokens.Check(token);
        lock (_lock)
        {
            return TouchLocked(token);
        }
    }

    /// <summary>A poll starts: while it runs the optimizer waits on the server and is not silent.</summary>
    public OptimizerInstance BeginPoll(string token)
    {
        OptimizerTokens.Check(token);
        lock (_lock)
        {
            OptimizerInstance optimizer = TouchLocked(token);
            optimizer.PollsInProgress++;
            return optimizer;
        }
    }

    /// <summary>A poll ends; time spent waiting or planning in it is the server's, so the heartbeat timeout counts from here.</summary>
    public void EndPoll(OptimizerInstance optimizer)
    {
        lock (_lock)
        {
            optimizer.PollsInProgress--;
            optimizer.TouchedMs = NowMs();
        }
    }

    /// <summary>Forgets an optimizer; returns it, or null when it was not registered.</summary>
    public OptimizerInstance? Remove(string token)
    {
        lock (_lock)
        {
            return _optimizers.Remove(token, out OptimizerInstance? removed) ? removed : null;
        }
    }

    public bool IsLive(string token)
    {
        lock (_lock)
        {
            return _optimizers.ContainsKey(token);
        }
    }

    /// <summary>Drops the optimizers silent past <paramref name="timeoutMs"/> (none while the server answers one of their polls).</summary>
    public IReadOnlyList<OptimizerInstance> Expire(long timeoutMs)
    {
        long now = NowMs();
        List<OptimizerInstance> dead;
        lock (_lock)
        {
            dead = [.. _optimizers.Values.Where(o => o.PollsInProgress == 0 && now - o.TouchedMs > timeoutMs)];
            dead.ForEach(o => _optimizers.Remove(o.Token));
        }

        foreach (OptimizerInstance optimizer in dead)
        {
            log.LogWarning("Optimizing: optimizer of group {Group} missed its heartbeats for {Ms} ms and is dropped", optimizer.Group, now - optimizer.TouchedMs);
        }

        return dead;
    }

    /// <summary>Threads of the optimizers registered in <paramref name="group"/> (at least 1, so a plan is never empty).</summary>
    public int GroupThreads(string group)
    {
        lock (_lock)
        {
            return Math.Max(1, _optimizers.Values.Where(o => o.Group == group).Sum(o => o.Threads));
        }
    }

    /// <summary>True when an optimizer not run by the server serves <paramref name="group"/>.</summary>
    public bool HasExternal(string group)
    {
        lock (_lock)
        {
            return _optimizers.Values.Any(o => o.Group == group && !o.Properties.ContainsKey(LocalOptimizerProperty));
        }
    }

    /// <summary>Registered optimizers, oldest first.</summary>
    public IReadOnlyList<OptimizerInstance> List()
    {
        lock (_lock)
        {
            return [.. _optimizers.Values.OrderBy(o => o.RegisteredMs)];
        }
    }

    private OptimizerInstance TouchLocked(string token)
    {
        OptimizerInstance optimizer = _optimizers.TryGetValue(token, out OptimizerInstance? found) ? found : throw OptimizerFault.UnknownOptimizer();
        optimizer.TouchedMs = NowMs();
        return optimizer;
    }

    private long NowMs() => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
