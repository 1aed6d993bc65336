using Floe.Common.Threading;
using Floe.Core.IO;
using Floe.Optimizing.Serialization;

namespace Floe.Optimizing.Execution;

/// <summary>
/// The <see cref="OptimizingTaskKinds.IcebergRewrite"/> executor over <see cref="RewriteTaskExecutor"/>; a task given
/// a thread budget encodes the columns of its output files on the threads it can borrow from it.
/// </summary>
public sealed class IcebergRewriteExecutor(IFileIO io) : IOptimizingTaskExecutor
{
    public string Kind => OptimizingTaskKinds.IcebergRewrite;

    public Task<string> ExecuteAsync(string taskJson, int attempt, CancellationToken cancellationToken) =>
        ExecuteAsync(taskJson, attempt, threads: null, cancellationToken);

    public async Task<string> ExecuteAsync(string taskJson, int attempt, ThreadBudget? threads, CancellationToken cancellationToken)
    {
        var executor = new RewriteTaskExecutor(io) { EncodingParallelism = threads?.Total ?? 1, EncodingThreads = threads };
        RewriteTaskOutput output = await executor.ExecuteAsync(TaskPayloads.ParseTask(taskJson), attempt, cancellationToken).ConfigureAwait(false);
        return TaskPayloads.ToJson(output);
    }
}
