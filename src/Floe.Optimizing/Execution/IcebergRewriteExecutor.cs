using Floe.Core.IO;
using Floe.Optimizing.Serialization;

namespace Floe.Optimizing.Execution;

/// <summary>The <see cref="OptimizingTaskKinds.IcebergRewrite"/> executor over <see cref="RewriteTaskExecutor"/>.</summary>
public sealed class IcebergRewriteExecutor(IFileIO io) : IOptimizingTaskExecutor
{
    private readonly RewriteTaskExecutor _executor = new(io);

    public string Kind => OptimizingTaskKinds.IcebergRewrite;

    public async Task<string> ExecuteAsync(string taskJson, int attempt, CancellationToken cancellationToken)
    {
        RewriteTaskOutput output = await _executor.ExecuteAsync(TaskPayloads.ParseTask(taskJson), attempt, cancellationToken).ConfigureAwait(false);
        return TaskPayloads.ToJson(output);
    }
}
