using Floe.Core.IO;
using Floe.Core.Properties;
using Floe.Optimizing.Commit;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.PrimaryKeys;
using Floe.Optimizing.Serialization;
using Floe.Optimizing.Targets;
using Floe.PrimaryKeys;
using Floe.Table.Scanning;

namespace Floe.Optimizing.Tests.PrimaryKeys;

public sealed class PrimaryKeyOptimizingFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_failing_attempt_deletes_what_it_wrote()
    {
        using PrimaryKeyTables tables = await PrimaryKeyTables.CreateAsync(partitioned: false);
        await tables.RandomCommitAsync(new Random(8), 200, 120);
        PlannedProcess? process = await (await tables.TargetAsync()).PlanAsync(6, OptimizingTimes.Never(PrimaryKeyTables.Now), long.MaxValue, Ct);
        Assert.NotNull(process);
        var executor = new PrimaryKeyMergeExecutor(new FailingFileIO(failAtCreate: 3));

        var error = await Assert.ThrowsAsync<IOException>(() => executor.ExecuteAsync(process.Tasks[0].Json, 1, Ct));

        Assert.Contains("injected", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(tables.Files("base"), p => p.Contains("-opt-6-1-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_replaced_base_file_removed_concurrently_abandons_the_process()
    {
        using PrimaryKeyTables tables = await PrimaryKeyTables.CreateAsync(partitioned: false);
        await tables.UpsertAsync([.. Enumerable.Range(0, 100).Select(i => ((long)i, (string?)$"n{i}", (int?)i))]);
        await tables.OptimizeAsync(1);
        await tables.UpsertAsync([.. Enumerable.Range(0, 100).Where(i => i % 10 == 0).Select(i => ((long)i, (string?)"changed", (int?)i))]);
        var (target, process, outputs) = await tables.PlanAndRunAsync(2);
        PrimaryKeyMergeOutput output = TaskPayloads.ParseMergeOutput(outputs[0]);
        string target0 = output.DeleteTargets.Concat(output.RewrittenFiles).First();

        // Some other commit to the base store drops a file the process deletes rows of; the optimized points stay.
        PrimaryKeyTable table = await tables.LoadAsync();
        await table.BaseTable.NewDelete().DeleteFile(target0).CommitAsync(Ct);
        OptimizingCommitResult result = await target.CommitAsync(process, outputs, Ct);

        Assert.Equal(CommitOutcome.Abandoned, result.Outcome);
        Assert.Contains(target0, result.Reason, StringComparison.Ordinal);
        Assert.All(output.WrittenPaths, p => Assert.False(File.Exists(p)));
    }

    [Fact]
    public async Task A_rolled_back_base_snapshot_abandons_the_process()
    {
        using PrimaryKeyTables tables = await PrimaryKeyTables.CreateAsync(partitioned: false);
        await tables.UpsertAsync((1, "a", 1), (2, "b", 2));
        await tables.OptimizeAsync(1);
        PrimaryKeyTable before = await tables.LoadAsync();
        long first = before.BaseTable.Metadata.CurrentSnapshotId!.Value;
        await tables.UpsertAsync((1, "c", 3));
        await tables.OptimizeAsync(2);
        await tables.UpsertAsync((2, "d", 4));
        var (target, process, outputs) = await tables.PlanAndRunAsync(3);

        PrimaryKeyTable table = await tables.LoadAsync();
        await table.BaseTable.ManageSnapshots().RollbackTo(first).CommitAsync(Ct);
        OptimizingCommitResult result = await target.CommitAsync(process, outputs, Ct);

        Assert.Equal(CommitOutcome.Abandoned, result.Outcome);
        Assert.Contains("no longer an ancestor", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Base_fragments_beyond_the_bucket_count_are_merged_by_minor_optimizing()
    {
        // While the files count as segments, each minor optimizing adds base files beside the old ones (at the
        // configured buckets: auto-bucketing would keep so small a table in one node); then the fragment ratio goes
        // back to its default and they are all fragments.
        using PrimaryKeyTables tables = await PrimaryKeyTables.CreateAsync(
            new Dictionary<string, string>
            {
                [SelfOptimizingProperties.FragmentRatio.Key] = "1000000",
                [PrimaryKeyProperties.BaseAutoBucket.Key] = "false",
            },
            partitioned: false);
        var random = new Random(13);
        for (int round = 0; round < 2; round++)
        {
            await tables.UpsertAsync([.. Enumerable.Range(0, 40).Select(_ => random.NextInt64(1_000_000)).Distinct().Select(id => (id, (string?)"r", (int?)round))]);
            await tables.OptimizeAsync(round + 1);
        }

        PrimaryKeyTable table = await tables.LoadAsync();
        await table.BaseTable.UpdateProperties().Remove(SelfOptimizingProperties.FragmentRatio.Key).CommitAsync(Ct);
        table = await tables.LoadAsync();
        Assert.True((await LiveBaseFilesAsync(table)).Count > table.BaseBuckets);
        TableEvaluation evaluation = await (await tables.TargetAsync()).EvaluateAsync(OptimizingTimes.Never(PrimaryKeyTables.Now), Ct);
        Assert.Equal(OptimizingType.Minor, evaluation.Type);
        Assert.Contains("0 change files", evaluation.Reason, StringComparison.Ordinal);

        var (target, process, outputs) = await tables.PlanAndRunAsync(10);
        Assert.All(process.Tasks, t => Assert.NotEmpty(TaskPayloads.ParseMergeTask(t.Json).RewriteAlways));
        Assert.Equal(CommitOutcome.Committed, (await target.CommitAsync(process, outputs, Ct)).Outcome);

        table = await tables.LoadAsync();
        Assert.True((await LiveBaseFilesAsync(table)).Count <= table.BaseBuckets);
        Assert.Equal(tables.Expected, await tables.ReadAsync());
        Assert.False((await (await tables.TargetAsync()).EvaluateAsync(OptimizingTimes.Never(PrimaryKeyTables.Now), Ct)).IsPending);
    }

    private static async Task<IReadOnlyList<FileScanTask>> LiveBaseFilesAsync(PrimaryKeyTable table) =>
        await new TableScan(table.BaseTable.Metadata, table.BaseTable.Operations.Io).PlanFilesAsync(Ct);

    /// <summary>Local file IO whose n-th output file cannot be created.</summary>
    private sealed class FailingFileIO(int failAtCreate) : IFileIO
    {
        private readonly LocalFileIO _inner = new();
        private int _creates;

        public InputFile NewInputFile(string location) => _inner.NewInputFile(location);

        public OutputFile NewOutputFile(string location) =>
            Interlocked.Increment(ref _creates) == failAtCreate ? throw new IOException($"injected failure creating {location}") : _inner.NewOutputFile(location);

        public ValueTask<bool> ExistsAsync(string location, CancellationToken cancellationToken = default) => _inner.ExistsAsync(location, cancellationToken);

        public ValueTask DeleteAsync(string location, CancellationToken cancellationToken = default) => _inner.DeleteAsync(location, cancellationToken);

        public IAsyncEnumerable<FileEntry> ListPrefixAsync(string prefix, CancellationToken cancellationToken = default) => _inner.ListPrefixAsync(prefix, cancellationToken);
    }
}
