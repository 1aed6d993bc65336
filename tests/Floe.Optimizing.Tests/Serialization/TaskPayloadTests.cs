using Floe.Common.Errors;
using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Values;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Execution;
using Floe.Optimizing.Planning;
using Floe.Optimizing.Serialization;

namespace Floe.Optimizing.Tests.Serialization;

public sealed class TaskPayloadTests
{
    private static readonly PartitionData s_partition = PartitionData.Of(
        Literal.Of("a\"b/ü"), Literal.Of(42L), Literal.OfDecimal(-12345, 2), Literal.OfDate(19000), Literal.Null,
        Literal.Of(3), Literal.Of(true), Literal.Of(double.NaN), Literal.OfBinary([1, 2, 255]), Literal.OfFixed([9, 9]),
        Literal.Of(Guid.Parse("01234567-89ab-cdef-0123-456789abcdef")), Literal.OfTimestampTz(1_700_000_000_000_000));

    private static DataFile FullData() => new()
    {
        FilePath = "s3://bucket/t/data/category=a/00000-1-x-00001.parquet",
        Format = FileFormat.Parquet,
        SpecId = 3,
        Partition = s_partition,
        RecordCount = 1234,
        FileSizeInBytes = 98765,
        ColumnSizes = new Dictionary<int, long> { [1] = 100, [2] = 200 },
        ValueCounts = new Dictionary<int, long> { [1] = 1234, [2] = 1234 },
        NullValueCounts = new Dictionary<int, long> { [1] = 0, [2] = 5 },
        NanValueCounts = new Dictionary<int, long> { [3] = 1 },
        LowerBounds = new Dictionary<int, byte[]> { [1] = [1, 0, 0, 0, 0, 0, 0, 0], [2] = "a"u8.ToArray() },
        UpperBounds = new Dictionary<int, byte[]> { [1] = [255, 0, 0, 0, 0, 0, 0, 0], [2] = "z"u8.ToArray() },
        KeyMetadata = [7, 7],
        SplitOffsets = [4, 5000],
        SortOrderId = 1,
    };

    private static DeleteFile FullDelete() => new()
    {
        DeleteContent = FileContent.EqualityDeletes,
        FilePath = "/t/data/eq.parquet",
        Format = FileFormat.Parquet,
        SpecId = 3,
        Partition = s_partition,
        RecordCount = 3,
        FileSizeInBytes = 500,
        EqualityIds = [1, 2],
        ContentOffset = 10,
        ContentSizeInBytes = 20,
    };

    private static void AssertSameFile(ContentFile expected, ContentFile actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Content, actual.Content);
        Assert.Equal(expected.FilePath, actual.FilePath);
        Assert.Equal(expected.Format, actual.Format);
        Assert.Equal(expected.SpecId, actual.SpecId);
        Assert.Equal(expected.Partition, actual.Partition);
        for (int i = 0; i < expected.Partition.Size; i++)
        {
            Assert.Equal(expected.Partition[i].IsNull, actual.Partition[i].IsNull);
            if (!expected.Partition[i].IsNull)
            {
                Assert.Equal(expected.Partition[i].TypeId, actual.Partition[i].TypeId);
            }
        }

        Assert.Equal(expected.RecordCount, actual.RecordCount);
        Assert.Equal(expected.FileSizeInBytes, actual.FileSizeInBytes);
        Assert.Equal(expected.ColumnSizes, actual.ColumnSizes);
        Assert.Equal(expected.ValueCounts, actual.ValueCounts);
        Assert.Equal(expected.NullValueCounts, actual.NullValueCounts);
        Assert.Equal(expected.NanValueCounts, actual.NanValueCounts);
        Assert.Equal(expected.LowerBounds, actual.LowerBounds);
        Assert.Equal(expected.UpperBounds, actual.UpperBounds);
        Assert.Equal(expected.KeyMetadata, actual.KeyMetadata);
        Assert.Equal(expected.SplitOffsets, actual.SplitOffsets);
        Assert.Equal(expected.SortOrderId, actual.SortOrderId);
        if (expected is DeleteFile e && actual is DeleteFile a)
        {
            Assert.Equal(e.EqualityIds, a.EqualityIds);
            Assert.Equal(e.ReferencedDataFile, a.ReferencedDataFile);
            Assert.Equal(e.ContentOffset, a.ContentOffset);
            Assert.Equal(e.ContentSizeInBytes, a.ContentSizeInBytes);
        }
    }

    private static RewriteTask Task() => new()
    {
        ProcessId = 99,
        TaskId = 4,
        Type = OptimizingType.Major,
        Table = new TaskTable("/warehouse/db/t", TestTable.Schema, new PartitionSpecBuilder(TestTable.Schema).Identity("category").Build(),
            new Dictionary<string, string> { ["write.parquet.compression-codec"] = "zstd", ["k"] = "v" }),
        Partition = PartitionData.Of(Literal.Of("a")),
        TargetSize = 1 << 27,
        RewrittenDataFiles = [new TaskFile(FullData(), 5, 6)],
        RewritePosDataFiles = [new TaskFile(FullData(), 4)],
        ReadOnlyDeleteFiles = [new TaskFile(FullDelete(), 7)],
        RewrittenDeleteFiles = [new TaskFile(new DeleteFile
        {
            FilePath = "/t/data/pos.parquet", Format = FileFormat.Parquet, RecordCount = 1, FileSizeInBytes = 10, ReferencedDataFile = "/t/data/x.parquet",
        }, 8)],
    };

    [Fact]
    public void Content_files_round_trip_every_field()
    {
        AssertSameFile(FullData(), TaskPayloads.ParseContentFile(TaskPayloads.ToJson(FullData())));
        AssertSameFile(FullDelete(), TaskPayloads.ParseContentFile(TaskPayloads.ToJson(FullDelete())));
        var minimal = new DataFile { FilePath = "/x.parquet", Format = FileFormat.Parquet, RecordCount = 0, FileSizeInBytes = 0 };
        AssertSameFile(minimal, TaskPayloads.ParseContentFile(TaskPayloads.ToJson(minimal)));
    }

    [Fact]
    public void Tasks_round_trip_and_serialize_stably()
    {
        RewriteTask task = Task();
        string json = TaskPayloads.ToJson(task);
        RewriteTask back = TaskPayloads.ParseTask(json);
        Assert.Equal(json, TaskPayloads.ToJson(back));
        Assert.Equal(99, back.ProcessId);
        Assert.Equal(4, back.TaskId);
        Assert.Equal(OptimizingType.Major, back.Type);
        Assert.Equal("/warehouse/db/t", back.Table.Location);
        Assert.Equal(TestTable.Schema.AsStruct, back.Table.Schema.AsStruct);
        Assert.True(task.Table.Spec.CompatibleWith(back.Table.Spec));
        Assert.Equal("v", back.Table.Properties["k"]);
        Assert.Equal(task.Partition, back.Partition);
        Assert.Equal(1 << 27, back.TargetSize);
        Assert.Equal(5, back.RewrittenDataFiles[0].DataSequenceNumber);
        Assert.Equal(6, back.RewrittenDataFiles[0].FileSequenceNumber);
        Assert.Null(back.RewritePosDataFiles[0].FileSequenceNumber);
        AssertSameFile(FullData(), back.RewrittenDataFiles[0].File);
        AssertSameFile(FullDelete(), back.ReadOnlyDeleteFiles[0].File);
        Assert.Equal("/t/data/x.parquet", back.RewrittenDeleteFiles[0].AsDelete.ReferencedDataFile);
        Assert.Equal(task.InputBytes, back.InputBytes);
    }

    [Fact]
    public void Outputs_and_processes_round_trip()
    {
        var output = new RewriteTaskOutput
        {
            ProcessId = 99, TaskId = 4, Attempt = 2, DataFiles = [FullData()], DeleteFiles = [FullDelete()],
            InputRecords = 1234, InputBytes = 5555, ElapsedMs = 17,
        };
        RewriteTaskOutput back = TaskPayloads.ParseOutput(TaskPayloads.ToJson(output));
        Assert.Equal((99L, 4, 2, 1234L, 5555L, 17L), (back.ProcessId, back.TaskId, back.Attempt, back.InputRecords, back.InputBytes, back.ElapsedMs));
        AssertSameFile(FullData(), Assert.Single(back.DataFiles));
        AssertSameFile(FullDelete(), Assert.Single(back.DeleteFiles));
        Assert.Equal(output.OutputBytes, back.OutputBytes);

        var process = new OptimizingProcess { ProcessId = 99, Type = OptimizingType.Full, FromSnapshotId = -5, FromSequenceNumber = 12, Tasks = [Task(), Task() with { TaskId = 5 }], Reason = "why" };
        string json = TaskPayloads.ToJson(process);
        OptimizingProcess parsed = TaskPayloads.ParseProcess(json);
        Assert.Equal(json, TaskPayloads.ToJson(parsed));
        Assert.Equal((99L, OptimizingType.Full, -5L, 12L, "why"), (parsed.ProcessId, parsed.Type, parsed.FromSnapshotId, parsed.FromSequenceNumber, parsed.Reason));
        Assert.Equal([4, 5], parsed.Tasks.Select(t => t.TaskId));
    }

    [Fact]
    public void A_process_and_its_tasks_written_together_are_the_text_each_gets_alone()
    {
        RewriteTask first = Task();
        TaskTable other = first.Table with { Location = "/warehouse/db/u" };
        var process = new OptimizingProcess
        {
            ProcessId = 99, Type = OptimizingType.Major, FromSnapshotId = 3, FromSequenceNumber = 2, Reason = "why",
            Tasks = [first, first with { TaskId = 5 }, first with { TaskId = 6, Table = other }],
        };

        (string json, IReadOnlyList<string> tasks) = TaskPayloads.ToJsonWithTasks(process);

        Assert.Equal(TaskPayloads.ToJson(process), json);
        Assert.Equal(process.Tasks.Select(TaskPayloads.ToJson), tasks);
        Assert.Contains("/warehouse/db/u", tasks[2], StringComparison.Ordinal);
        Assert.DoesNotContain("/warehouse/db/u", tasks[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "Invalid task output JSON")]
    [InlineData("[]", "could not be converted")]
    [InlineData("{\"task-id\":1,\"attempt\":0}", "'process-id' is missing.")]
    [InlineData("{\"process-id\":\"x\",\"task-id\":1,\"attempt\":0}", "'process-id' has a value of the wrong type or out of range (at line 1, byte 18).")]
    [InlineData("{\"process-id\":1,\"task-id\":1,\"attempt\":0,\"data-files\":[{\"content\":\"data\",\"file-path\":\"/a\",\"file-format\":\"parquet\",\"spec-id\":0,\"record-count\":-1,\"file-size-in-bytes\":1}]}", "record-count")]
    [InlineData("{\"process-id\":1,\"task-id\":1,\"attempt\":0,\"data-files\":[{\"content\":\"data\",\"file-path\":\"/a\",\"file-format\":\"parquet\",\"spec-id\":0,\"record-count\":1,\"file-size-in-bytes\":1,\"partition\":[{\"type\":\"long\",\"value\":\"AQ==\"}]}]}", "long")]
    [InlineData("{\"process-id\":1,\"task-id\":1,\"attempt\":0,\"data-files\":[{\"content\":\"position-deletes\",\"file-path\":\"/a\",\"file-format\":\"parquet\",\"spec-id\":0,\"record-count\":1,\"file-size-in-bytes\":1}]}", "wrong content")]
    [InlineData("{\"process-id\":1,\"task-id\":1,\"attempt\":0,\"data-files\":[{\"content\":\"data\",\"file-path\":\"/a\",\"file-format\":\"parquet\",\"spec-id\":0,\"record-count\":1,\"file-size-in-bytes\":1,\"lower-bounds\":{\"x\":\"AA==\"}}]}", "'data-files[0].lower-bounds.x' has a value of the wrong type")]
    [InlineData("{\"process-id\":1,\"task-id\":1,\"attempt\":0,\"delete-files\":[{\"content\":\"deleted\",\"file-path\":\"/a\",\"file-format\":\"parquet\",\"spec-id\":0,\"record-count\":1,\"file-size-in-bytes\":1}]}", "'content' must be data, position-deletes or equality-deletes")]
    [InlineData("{\"process-id\":1,\"task-id\":1,\"attempt\":0,\"data-files\":[{\"content\":\"data\",\"file-path\":\"/a\",\"file-format\":5,\"spec-id\":0,\"record-count\":1,\"file-size-in-bytes\":1}]}", "'data-files[0].file-format' has a value of the wrong type")]
    [InlineData("{\"process-id\":1,\"task-id\":1,\"attempt\":0,\"data-files\":[{\"content\":\"data\",\"file-path\":null,\"file-format\":\"parquet\",\"spec-id\":0,\"record-count\":1,\"file-size-in-bytes\":1}]}", "'data-files[0].file-path' has a value of the wrong type")]
    [InlineData("{\"process-id\":1,\"task-id\":1,\"attempt\":0,\"data-files\":[{\"content\":\"data\",\"file-path\":\"/a\",\"file-format\":\"csv\",\"spec-id\":0,\"record-count\":1,\"file-size-in-bytes\":1}]}", "'file-format' must be a file format name")]
    [InlineData("{\"process-id\":1,\"task-id\":1,\"attempt\":0,\"data-files\":[{\"content\":\"data\",\"file-format\":\"parquet\",\"spec-id\":0,\"record-count\":1,\"file-size-in-bytes\":1}]}", "'file-path' is missing in 'data-files[0]'.")]
    [InlineData("{\"process-id\":1,\"process-id\":2,\"task-id\":1,\"attempt\":0}", "Duplicate")]
    public void Malformed_json_is_invalid_data_naming_the_member(string json, string expected)
    {
        var error = Assert.Throws<FloeException>(() => TaskPayloads.ParseOutput(json));
        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_task_with_an_unknown_type_is_refused()
    {
        string json = TaskPayloads.ToJson(Task()).Replace("\"type\":\"major\"", "\"type\":\"huge\"", StringComparison.Ordinal);
        var error = Assert.Throws<FloeException>(() => TaskPayloads.ParseTask(json));
        Assert.Contains("minor, major or full", error.Message, StringComparison.Ordinal);
    }
}
