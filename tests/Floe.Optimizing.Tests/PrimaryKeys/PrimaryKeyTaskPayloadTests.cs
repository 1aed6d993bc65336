using System.Text.Json.Nodes;
using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Execution;
using Floe.Optimizing.PrimaryKeys;
using Floe.Optimizing.Serialization;
using Floe.Optimizing.Targets;

namespace Floe.Optimizing.Tests.PrimaryKeys;

public sealed class PrimaryKeyTaskPayloadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tasks_outputs_and_processes_round_trip_to_the_same_text()
    {
        using PrimaryKeyTables tables = await PrimaryKeyTables.CreateAsync();
        await tables.RandomCommitAsync(new Random(2), 100, 40);
        await tables.OptimizeAsync(1);
        await tables.RandomCommitAsync(new Random(3), 100, 40);
        var (_, process, outputs) = await tables.PlanAndRunAsync(2);

        PrimaryKeyOptimizingProcess parsed = TaskPayloads.ParseMergeProcess(process.Json);
        Assert.Equal(process.Json, TaskPayloads.ToJson(parsed));
        Assert.Equal(2, parsed.ProcessId);
        Assert.Equal(OptimizingType.Minor, parsed.Type);
        Assert.NotNull(parsed.BaseSnapshotId);
        Assert.NotNull(parsed.ChangeSnapshotId);
        Assert.All(parsed.Partitions, p => Assert.True(p.ToPoint > p.FromPoint));
        foreach (PlannedTask planned in process.Tasks)
        {
            PrimaryKeyMergeTask task = TaskPayloads.ParseMergeTask(planned.Json);
            Assert.Equal(planned.Json, TaskPayloads.ToJson(task));
            Assert.Equal(["id"], task.PrimaryKey);
            Assert.Equal(4, task.BaseBuckets);
            Assert.Equal(2, task.ChangeBuckets);
            Assert.NotEmpty(task.ChangeFiles);
            Assert.All(task.ChangeFiles, f => Assert.True(f.DataSequenceNumber > task.OptimizedPoint));
            Assert.Equal(planned.InputBytes, task.InputBytes);
        }

        foreach (string output in outputs)
        {
            PrimaryKeyMergeOutput parsedOutput = TaskPayloads.ParseMergeOutput(output);
            Assert.Equal(output, TaskPayloads.ToJson(parsedOutput));
            Assert.Equal(1, parsedOutput.Attempt);
            Assert.True(parsedOutput.ChangeRows > 0);
        }
    }

    [Theory]
    [InlineData("primary-key", null, "'primary-key' is missing.")]
    [InlineData("primary-key", "[]", "'primary-key' must be a non-empty array")]
    [InlineData("primary-key", "[\"nope\"]", "'primary-key' does not fit the schema")]
    [InlineData("target-size", "-1", "'target-size' must be a positive size")]
    [InlineData("base-buckets", "3", "'base-buckets' must be a power of two")]
    [InlineData("optimized-point", "\"x\"", "'optimized-point' has a value of the wrong type")]
    [InlineData("rewrite-ratio", "2", "'rewrite-ratio' must be a number from 0 to 1")]
    [InlineData("change-files", "{}", "'change-files' has a value of the wrong type")]
    [InlineData("type", "\"major\"", "'type' must be minor or full")]
    [InlineData("table", null, "'table' is missing.")]
    [InlineData("nodes", "[0]", "'nodes' must be bucket node ids from 1 to 131071")]
    [InlineData("nodes", "[\"3\"]", "'nodes[0]' has a value of the wrong type")]
    public async Task Malformed_task_json_is_invalid_data_naming_the_member(string member, string? value, string expected)
    {
        using PrimaryKeyTables tables = await PrimaryKeyTables.CreateAsync(partitioned: false);
        await tables.UpsertAsync((1, "a", 1));
        PlannedProcess? process = await (await tables.TargetAsync()).PlanAsync(1, OptimizingTimes.Never(PrimaryKeyTables.Now), long.MaxValue, Ct);
        Assert.NotNull(process);
        JsonObject task = JsonNode.Parse(process.Tasks[0].Json)!.AsObject();
        if (value is null)
        {
            task.Remove(member);
        }
        else
        {
            task[member] = JsonNode.Parse(value);
        }

        var error = await Assert.ThrowsAsync<FloeException>(() =>
            OptimizingTaskExecutors.CreateDefault(new LocalFileIO()).ExecuteAsync(OptimizingTaskKinds.PrimaryKeyMerge, task.ToJsonString(), 1, Ct));
        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(tables.Files("base"));
    }

    [Fact]
    public async Task A_task_whose_base_files_lie_outside_its_nodes_is_invalid_data()
    {
        using PrimaryKeyTables tables = await PrimaryKeyTables.CreateAsync(partitioned: false);
        await tables.UpsertAsync([.. Enumerable.Range(0, 40).Select(i => ((long)i, (string?)$"n{i}", (int?)i))]);
        await tables.OptimizeAsync(1);
        await tables.UpsertAsync((1, "b", 2));
        PlannedProcess? process = await (await tables.TargetAsync()).PlanAsync(2, OptimizingTimes.Never(PrimaryKeyTables.Now), long.MaxValue, Ct);
        Assert.NotNull(process);
        JsonObject task = JsonNode.Parse(process.Tasks[0].Json)!.AsObject();
        Assert.NotEmpty(task["base-files"]!.AsArray());
        task["nodes"] = JsonNode.Parse("[1024]");
        string[] before = tables.Files("base");

        var error = await Assert.ThrowsAsync<FloeException>(() =>
            OptimizingTaskExecutors.CreateDefault(new LocalFileIO()).ExecuteAsync(OptimizingTaskKinds.PrimaryKeyMerge, task.ToJsonString(), 1, Ct));
        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
        Assert.Contains("'nodes'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, tables.Files("base"));
    }

    [Fact]
    public void Malformed_output_and_process_json_are_invalid_data()
    {
        var output = Assert.Throws<FloeException>(() => TaskPayloads.ParseMergeOutput("{\"process-id\": 1, \"task-id\": 1, \"attempt\": 1}"));
        Assert.Equal(FloeErrorKind.InvalidData, output.Kind);
        Assert.Contains("'partition-path', 'max-transaction' are missing.", output.Message, StringComparison.Ordinal);
        var process = Assert.Throws<FloeException>(() => TaskPayloads.ParseMergeProcess("{\"process-id\": 1, \"type\": \"minor\", \"partitions\": [{\"path\": \"\", \"from-point\": -1, \"to-point\": 2}], \"tasks\": []}"));
        Assert.Contains("'from-point' must be a non-negative whole number", process.Message, StringComparison.Ordinal);
        Assert.Equal(FloeErrorKind.InvalidData, Assert.Throws<FloeException>(() => TaskPayloads.ParseMergeTask("[1]")).Kind);
    }
}
