using Floe.Common.Errors;
using Floe.Common.Threading;
using Floe.Core.IO;
using Floe.Optimizing.PrimaryKeys;

namespace Floe.Optimizing.Execution;

/// <summary>The executors an optimizer knows, by task kind.</summary>
public sealed class OptimizingTaskExecutors
{
    private readonly Dictionary<string, IOptimizingTaskExecutor> _byKind = new(StringComparer.Ordinal);

    public OptimizingTaskExecutors(IEnumerable<IOptimizingTaskExecutor> executors)
    {
        ArgumentNullException.ThrowIfNull(executors);
        foreach (IOptimizingTaskExecutor executor in executors)
        {
            _byKind[executor.Kind] = executor;
        }
    }

    /// <summary>Every built-in executor over <paramref name="io"/>.</summary>
    public static OptimizingTaskExecutors CreateDefault(IFileIO io) => new(BuiltIn(io));

    /// <summary>The kinds this registry runs.</summary>
    public IReadOnlyCollection<string> Kinds => _byKind.Keys;

    /// <summary>Runs a task on one thread with the executor of its kind; Unsupported for a kind this optimizer does not know.</summary>
    public Task<string> ExecuteAsync(string kind, string taskJson, int attempt, CancellationToken cancellationToken) =>
        ExecuteAsync(kind, taskJson, attempt, threads: null, cancellationToken);

    /// <summary>
    /// Runs a task with the executor of its kind, on its own thread and any idle thread of <paramref name="threads"/> it
    /// can borrow (null: its own only); Unsupported for a kind this optimizer does not know.
    /// </summary>
    public Task<string> ExecuteAsync(string kind, string taskJson, int attempt, ThreadBudget? threads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return _byKind.TryGetValue(kind, out IOptimizingTaskExecutor? executor)
            ? executor.ExecuteAsync(taskJson, attempt, threads, cancellationToken)
            : throw new FloeException(FloeErrorKind.Unsupported, $"This optimizer cannot run tasks of kind '{kind}' (it runs {string.Join(", ", _byKind.Keys.Order(StringComparer.Ordinal))}).");
    }

    private static IEnumerable<IOptimizingTaskExecutor> BuiltIn(IFileIO io)
    {
        yield return new IcebergRewriteExecutor(io);
        yield return new PrimaryKeyMergeExecutor(io);
    }
}
