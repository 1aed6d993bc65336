using Floe.Core.IO;
using Floe.Optimizing.Serialization;

namespace Floe.Optimizing.Execution;

/// <summary>
/// The <see cref="OptimizingTaskKinds.IcebergRewrite"/> executor over <see cref="RewriteTaskExecutor"/>; a task given
/// more than one thread encodes the columns of its output files on them.
/// </summary>
public sealed class IcebergRewriteExecutor(IFileIO io) : IOptimizingTaskExecutor
{
    public string Kind => OptimizingTaskKinds.IcebergRewrite;

    public Task<string> ExecuteAsync(string taskJson, int attempt, CancellationToken cancellationToken) =>
        ExecuteAsync(taskJson, attempt, threads: 1, cancellationToken);

    public async Task<string> ExecuteAsync(string taskJson, int attempt, int threads, CancellationToken cancellationToken)
    {
        var executor = new RewriteTaskExecutor(io) { EncodingParallelism = threads };
        RewriteTaskOutput output = await executor.ExecuteAsync(TaskPayloads.ParseTask(taskJson), attempt, cancellationToken).ConfigureAwait(false);
        return TaskPayloads.ToJson(output);
    }
}
