using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Execution;
using Floe.Optimizing.Planning;

namespace Floe.Optimizing.Tests.EndToEnd;

/// <summary>Plans a process on a test table and runs every task, as the server and optimizers would.</summary>
internal static class Pipeline
{
    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public static async Task<(OptimizingProcess Process, List<RewriteTaskOutput> Outputs)> PlanAndRunAsync(TestTable table, long processId, int attempt = 0)
    {
        var ct = TestContext.Current.CancellationToken;
        OptimizingProcess? process = await new OptimizingPlanner(table.Metadata, table.Table.Operations.Io).PlanAsync(processId, OptimizingTimes.Never(Now), ct);
        Assert.NotNull(process);
        return (process, await RunAsync(new RewriteTaskExecutor(table.Table.Operations.Io), process, attempt));
    }

    /// <summary>Runs every task of <paramref name="process"/> as attempt <paramref name="attempt"/>.</summary>
    public static async Task<List<RewriteTaskOutput>> RunAsync(RewriteTaskExecutor executor, OptimizingProcess process, int attempt)
    {
        var outputs = new List<RewriteTaskOutput>();
        foreach (RewriteTask task in process.Tasks)
        {
            outputs.Add(await executor.ExecuteAsync(task, attempt, TestContext.Current.CancellationToken));
        }

        return outputs;
    }

    public static IEnumerable<Row> Rows(string category, long firstId, int count) =>
        Enumerable.Range(0, count).Select(i => new Row(firstId + i, category, i % 3 == 0 ? null : (firstId + i) * 0.5));
}
