using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Values;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Execution;
using Floe.Optimizing.Planning;
using Floe.Optimizing.PrimaryKeys;
using Floe.Optimizing.Serialization;

namespace Floe.Optimizing.Tests.Serialization;

/// <summary>
/// The task payloads' wire format, pinned byte for byte: each kind is written from fixed values and compared with a
/// literal, and the literal is read back and written again unchanged. A change here is a protocol change (the
/// processes are the server's stored state: a change there must still read what an older server wrote).
/// </summary>
public sealed class TaskPayloadWireTests
{
    private const string ContentFileJson =
        """
        {
          "content": "data",
          "file-path": "/warehouse/db/t/data/category=a/d1.parquet",
          "file-format": "PARQUET",
          "spec-id": 1,
          "partition": [
            {"type": "string", "value": "YS/DvA=="},
            null,
            {"type": "decimal(38, 2)", "value": "z8c="},
            {"type": "fixed[2]", "value": "CQk="}
          ],
          "record-count": 12,
          "file-size-in-bytes": 3456,
          "column-sizes": {"1": 100, "2": 200},
          "value-counts": {"1": 12},
          "null-value-counts": {"1": 0},
          "nan-value-counts": {"3": 1},
          "lower-bounds": {"1": "AQAAAAAAAAA="},
          "upper-bounds": {"1": "/wAAAAAAAAA="},
          "key-metadata": "Bwc=",
          "split-offsets": [4, 3000],
          "sort-order-id": 0
        }
        """;

    private const string RewriteTaskJson =
        """
        {
          "process-id": 7,
          "task-id": 2,
          "type": "major",
          "table": {
            "location": "/warehouse/db/t",
            "schema": {
              "type": "struct",
              "schema-id": 0,
              "fields": [
                {"id": 1, "name": "id", "required": true, "type": "long"},
                {"id": 2, "name": "category", "required": true, "type": "string"},
                {"id": 3, "name": "value", "required": false, "type": "double"}
              ]
            },
            "spec": {
              "spec-id": 0,
              "fields": [{"name": "category", "transform": "identity", "source-id": 2, "field-id": 1000}]
            },
            "properties": {"comment": "naïve \"q\"", "write.target-file-size-bytes": "1024"}
          },
          "partition": [{"type": "string", "value": "YS/DvA=="}],
          "target-size": 1024,
          "rewritten-data-files": [
            {
              "data-sequence-number": 3,
              "file-sequence-number": 4,
              "file": {
                "content": "data",
                "file-path": "/warehouse/db/t/data/category=a/d1.parquet",
                "file-format": "PARQUET",
                "spec-id": 1,
                "partition": [{"type": "string", "value": "YS/DvA=="}],
                "record-count": 12,
                "file-size-in-bytes": 3456
              }
            }
          ],
          "rewrite-pos-data-files": [],
          "read-only-delete-files": [
            {
              "data-sequence-number": 5,
              "file": {
                "content": "equality-deletes",
                "file-path": "/warehouse/db/t/data/category=a/eq.parquet",
                "file-format": "PARQUET",
                "spec-id": 1,
                "partition": [{"type": "string", "value": "YS/DvA=="}],
                "record-count": 2,
                "file-size-in-bytes": 300,
                "equality-ids": [1]
              }
            }
          ],
          "rewritten-delete-files": [
            {
              "data-sequence-number": 6,
              "file-sequence-number": 6,
              "file": {
                "content": "position-deletes",
                "file-path": "/warehouse/db/t/data/category=a/pos.parquet",
                "file-format": "PARQUET",
                "spec-id": 1,
                "partition": [{"type": "string", "value": "YS/DvA=="}],
                "record-count": 1,
                "file-size-in-bytes": 100,
                "referenced-data-file": "/warehouse/db/t/data/category=a/d1.parquet",
                "content-offset": 10,
                "content-size-in-bytes": 20
              }
            }
          ]
        }
        """;

    private const string RewriteOutputJson =
        """
        {
          "process-id": 7,
          "task-id": 2,
          "attempt": 1,
          "data-files": [
            {
              "content": "data",
              "file-path": "/warehouse/db/t/data/category=a/d1.parquet",
              "file-format": "PARQUET",
              "spec-id": 1,
              "partition": [{"type": "string", "value": "YS/DvA=="}],
              "record-count": 12,
              "file-size-in-bytes": 3456
            }
          ],
          "delete-files": [
            {
              "content": "position-deletes",
              "file-path": "/warehouse/db/t/data/category=a/pos.parquet",
              "file-format": "PARQUET",
              "spec-id": 1,
              "partition": [{"type": "string", "value": "YS/DvA=="}],
              "record-count": 1,
              "file-size-in-bytes": 100,
              "referenced-data-file": "/warehouse/db/t/data/category=a/d1.parquet",
              "content-offset": 10,
              "content-size-in-bytes": 20
            }
          ],
          "input-records": 12,
          "input-bytes": 3856,
          "elapsed-ms": 15
        }
        """;

    private const string RewriteProcessJson =
        """
        {
          "process-id": 7,
          "type": "major",
          "from-snapshot-id": 123,
          "from-sequence-number": 6,
          "reason": "small files",
          "tasks": [
            {
              "process-id": 7,
              "task-id": 2,
              "type": "major",
              "table": {
                "location": "/warehouse/db/t",
                "schema": {
                  "type": "struct",
                  "schema-id": 0,
                  "fields": [
                    {"id": 1, "name": "id", "required": true, "type": "long"},
                    {"id": 2, "name": "category", "required": true, "type": "string"},
                    {"id": 3, "name": "value", "required": false, "type": "double"}
                  ]
                },
                "spec": {
                  "spec-id": 0,
                  "fields": [{"name": "category", "transform": "identity", "source-id": 2, "field-id": 1000}]
                },
                "properties": {"comment": "naïve \"q\"", "write.target-file-size-bytes": "1024"}
              },
              "partition": [{"type": "string", "value": "YS/DvA=="}],
              "target-size": 1024,
              "rewritten-data-files": [],
              "rewrite-pos-data-files": [],
              "read-only-delete-files": [],
              "rewritten-delete-files": []
            }
          ]
        }
        """;

    private const string MergeTaskJson =
        """
        {
          "process-id": 8,
          "task-id": 1,
          "type": "minor",
          "table": {
            "location": "/warehouse/db/t",
            "schema": {
              "type": "struct",
              "schema-id": 0,
              "fields": [
                {"id": 1, "name": "id", "required": true, "type": "long"},
                {"id": 2, "name": "category", "required": true, "type": "string"},
                {"id": 3, "name": "value", "required": false, "type": "double"}
              ]
            },
            "spec": {
              "spec-id": 0,
              "fields": [{"name": "category", "transform": "identity", "source-id": 2, "field-id": 1000}]
            },
            "properties": {"comment": "naïve \"q\"", "write.target-file-size-bytes": "1024"}
          },
          "primary-key": ["id"],
          "base-buckets": 4,
          "change-buckets": 2,
          "partition": [{"type": "string", "value": "YS/DvA=="}],
          "partition-ordinal": 3,
          "optimized-point": 11,
          "target-size": 2048,
          "rewrite-ratio": 0.25,
          "base-files": [
            {
              "data-sequence-number": 3,
              "file-sequence-number": 4,
              "file": {
                "content": "data",
                "file-path": "/warehouse/db/t/data/category=a/d1.parquet",
                "file-format": "PARQUET",
                "spec-id": 1,
                "partition": [{"type": "string", "value": "YS/DvA=="}],
                "record-count": 12,
                "file-size-in-bytes": 3456
              },
              "deletes": ["/warehouse/db/t/data/category=a/pos.parquet"]
            }
          ],
          "delete-files": [
            {
              "data-sequence-number": 6,
              "file": {
                "content": "position-deletes",
                "file-path": "/warehouse/db/t/data/category=a/pos.parquet",
                "file-format": "PARQUET",
                "spec-id": 1,
                "partition": [{"type": "string", "value": "YS/DvA=="}],
                "record-count": 1,
                "file-size-in-bytes": 100,
                "referenced-data-file": "/warehouse/db/t/data/category=a/d1.parquet",
                "content-offset": 10,
                "content-size-in-bytes": 20
              }
            }
          ],
          "change-files": [
            {
              "data-sequence-number": 12,
              "file": {
                "content": "data",
                "file-path": "/warehouse/db/t/change/c1.parquet",
                "file-format": "PARQUET",
                "spec-id": 1,
                "partition": [{"type": "string", "value": "YS/DvA=="}],
                "record-count": 12,
                "file-size-in-bytes": 3456
              }
            }
          ],
          "rewrite-always": ["/warehouse/db/t/data/category=a/d1.parquet"],
          "partition-base-files": ["/warehouse/db/t/data/category=a/d1.parquet"],
          "nodes": [4, 5]
        }
        """;

    private const string MergeOutputJson =
        """
        {
          "process-id": 8,
          "task-id": 1,
          "attempt": 2,
          "partition-path": "category=a%2F%C3%BC",
          "new-files": [
            {
              "content": "data",
              "file-path": "/warehouse/db/t/data/category=a/d1.parquet",
              "file-format": "PARQUET",
              "spec-id": 1,
              "partition": [{"type": "string", "value": "YS/DvA=="}],
              "record-count": 12,
              "file-size-in-bytes": 3456
            }
          ],
          "position-deletes": [
            {
              "content": "position-deletes",
              "file-path": "/warehouse/db/t/data/category=a/pos.parquet",
              "file-format": "PARQUET",
              "spec-id": 1,
              "partition": [{"type": "string", "value": "YS/DvA=="}],
              "record-count": 1,
              "file-size-in-bytes": 100,
              "referenced-data-file": "/warehouse/db/t/data/category=a/d1.parquet",
              "content-offset": 10,
              "content-size-in-bytes": 20
            }
          ],
          "rewritten-files": ["/warehouse/db/t/data/category=a/old.parquet"],
          "removed-delete-files": ["/warehouse/db/t/data/category=a/pos0.parquet"],
          "delete-targets": ["/warehouse/db/t/data/category=a/d1.parquet"],
          "max-transaction": 12,
          "change-rows": 5,
          "new-rows": 12,
          "deleted-rows": 1,
          "input-bytes": 4000,
          "elapsed-ms": 30
        }
        """;

    private const string MergeProcessJson =
        """
        {
          "process-id": 8,
          "type": "minor",
          "base-snapshot-id": 100,
          "change-snapshot-id": null,
          "reason": "changes",
          "partitions": [{"path": "category=a%2F%C3%BC", "from-point": 11, "to-point": 12}],
          "tasks": [
            {
              "process-id": 8,
              "task-id": 1,
              "type": "minor",
              "table": {
                "location": "/warehouse/db/t",
                "schema": {
                  "type": "struct",
                  "schema-id": 0,
                  "fields": [
                    {"id": 1, "name": "id", "required": true, "type": "long"},
                    {"id": 2, "name": "category", "required": true, "type": "string"},
                    {"id": 3, "name": "value", "required": false, "type": "double"}
                  ]
                },
                "spec": {
                  "spec-id": 0,
                  "fields": [{"name": "category", "transform": "identity", "source-id": 2, "field-id": 1000}]
                },
                "properties": {"comment": "naïve \"q\"", "write.target-file-size-bytes": "1024"}
              },
              "primary-key": ["id"],
              "base-buckets": 4,
              "change-buckets": 2,
              "partition": [{"type": "string", "value": "YS/DvA=="}],
              "partition-ordinal": 3,
              "optimized-point": 11,
              "target-size": 2048,
              "rewrite-ratio": 0.25,
              "base-files": [],
              "delete-files": [],
              "change-files": [],
              "rewrite-always": ["/warehouse/db/t/data/category=a/d1.parquet"],
              "partition-base-files": ["/warehouse/db/t/data/category=a/d1.parquet"],
              "nodes": [4, 5]
            }
          ]
        }
        """;

    private static readonly TaskTable s_table = new(
        "/warehouse/db/t",
        TestTable.Schema,
        new PartitionSpecBuilder(TestTable.Schema).Identity("category").Build(),
        new Dictionary<string, string> { ["write.target-file-size-bytes"] = "1024", ["comment"] = "naïve \"q\"" });

    private static readonly PartitionData s_partition = PartitionData.Of(Literal.Of("a/ü"));

    /// <summary>A data file with only the required members, as the files inside tasks and outputs here are.</summary>
    private static DataFile LeanData(string path = "/warehouse/db/t/data/category=a/d1.parquet") => new()
    {
        FilePath = path, Format = FileFormat.Parquet, SpecId = 1, Partition = s_partition, RecordCount = 12, FileSizeInBytes = 3456,
    };

    private static DataFile Data() => new()
    {
        FilePath = "/warehouse/db/t/data/category=a/d1.parquet",
        Format = FileFormat.Parquet,
        SpecId = 1,
        Partition = PartitionData.Of(Literal.Of("a/ü"), Literal.Null, Literal.OfDecimal(-12345, 2), Literal.OfFixed([9, 9])),
        RecordCount = 12,
        FileSizeInBytes = 3456,
        ColumnSizes = new Dictionary<int, long> { [2] = 200, [1] = 100 },
        ValueCounts = new Dictionary<int, long> { [1] = 12 },
        NullValueCounts = new Dictionary<int, long> { [1] = 0 },
        NanValueCounts = new Dictionary<int, long> { [3] = 1 },
        LowerBounds = new Dictionary<int, byte[]> { [1] = [1, 0, 0, 0, 0, 0, 0, 0] },
        UpperBounds = new Dictionary<int, byte[]> { [1] = [255, 0, 0, 0, 0, 0, 0, 0] },
        KeyMetadata = [7, 7],
        SplitOffsets = [4, 3000],
        SortOrderId = 0,
    };

    private static DeleteFile EqualityDeletes() => new()
    {
        DeleteContent = FileContent.EqualityDeletes,
        FilePath = "/warehouse/db/t/data/category=a/eq.parquet",
        Format = FileFormat.Parquet,
        SpecId = 1,
        Partition = s_partition,
        RecordCount = 2,
        FileSizeInBytes = 300,
        EqualityIds = [1],
    };

    private static DeleteFile PositionDeletes() => new()
    {
        DeleteContent = FileContent.PositionDeletes,
        FilePath = "/warehouse/db/t/data/category=a/pos.parquet",
        Format = FileFormat.Parquet,
        SpecId = 1,
        Partition = s_partition,
        RecordCount = 1,
        FileSizeInBytes = 100,
        ReferencedDataFile = "/warehouse/db/t/data/category=a/d1.parquet",
        ContentOffset = 10,
        ContentSizeInBytes = 20,
    };

    private static RewriteTask RewriteTask() => new()
    {
        ProcessId = 7,
        TaskId = 2,
        Type = OptimizingType.Major,
        Table = s_table,
        Partition = s_partition,
        TargetSize = 1024,
        RewrittenDataFiles = [new TaskFile(LeanData(), 3, 4)],
        RewritePosDataFiles = [],
        ReadOnlyDeleteFiles = [new TaskFile(EqualityDeletes(), 5)],
        RewrittenDeleteFiles = [new TaskFile(PositionDeletes(), 6, 6)],
    };

    private static RewriteTaskOutput RewriteOutput() => new()
    {
        ProcessId = 7, TaskId = 2, Attempt = 1, DataFiles = [LeanData()], DeleteFiles = [PositionDeletes()],
        InputRecords = 12, InputBytes = 3856, ElapsedMs = 15,
    };

    private static OptimizingProcess RewriteProcess() => new()
    {
        ProcessId = 7, Type = OptimizingType.Major, FromSnapshotId = 123, FromSequenceNumber = 6, Reason = "small files",
        Tasks = [RewriteTask() with { RewrittenDataFiles = [], ReadOnlyDeleteFiles = [], RewrittenDeleteFiles = [] }],
    };

    private static PrimaryKeyMergeTask MergeTask() => new()
    {
        ProcessId = 8,
        TaskId = 1,
        Type = OptimizingType.Minor,
        Table = s_table,
        PrimaryKey = ["id"],
        BaseBuckets = 4,
        ChangeBuckets = 2,
        Partition = s_partition,
        PartitionOrdinal = 3,
        OptimizedPoint = 11,
        TargetSize = 2048,
        RewriteRatio = 0.25,
        BaseFiles = [new PrimaryKeyBaseFile(new TaskFile(LeanData(), 3, 4), ["/warehouse/db/t/data/category=a/pos.parquet"])],
        DeleteFiles = [new TaskFile(PositionDeletes(), 6)],
        ChangeFiles = [new TaskFile(LeanData("/warehouse/db/t/change/c1.parquet"), 12)],
        RewriteAlways = ["/warehouse/db/t/data/category=a/d1.parquet"],
        PartitionBaseFiles = ["/warehouse/db/t/data/category=a/d1.parquet"],
        Nodes = [4, 5],
    };

    private static PrimaryKeyMergeOutput MergeOutput() => new()
    {
        ProcessId = 8, TaskId = 1, Attempt = 2, PartitionPath = "category=a%2F%C3%BC",
        NewFiles = [LeanData()], PositionDeletes = [PositionDeletes()],
        RewrittenFiles = ["/warehouse/db/t/data/category=a/old.parquet"], RemovedDeleteFiles = ["/warehouse/db/t/data/category=a/pos0.parquet"],
        DeleteTargets = ["/warehouse/db/t/data/category=a/d1.parquet"],
        MaxTransaction = 12, ChangeRows = 5, NewRows = 12, DeletedRows = 1, InputBytes = 4000, ElapsedMs = 30,
    };

    private static PrimaryKeyOptimizingProcess MergeProcess() => new()
    {
        ProcessId = 8, Type = OptimizingType.Minor, BaseSnapshotId = 100, ChangeSnapshotId = null, Reason = "changes",
        Partitions = [new PrimaryKeyPartitionPoint("category=a%2F%C3%BC", 11, 12)],
        Tasks = [MergeTask() with { BaseFiles = [], DeleteFiles = [], ChangeFiles = [] }],
    };

    [Fact]
    public void A_content_file_has_its_pinned_form() =>
        AssertPinned(ContentFileJson, TaskPayloads.ToJson(Data()), json => TaskPayloads.ToJson(TaskPayloads.ParseContentFile(json)));

    [Fact]
    public void A_rewrite_task_has_its_pinned_form() =>
        AssertPinned(RewriteTaskJson, TaskPayloads.ToJson(RewriteTask()), json => TaskPayloads.ToJson(TaskPayloads.ParseTask(json)));

    [Fact]
    public void A_rewrite_output_has_its_pinned_form() =>
        AssertPinned(RewriteOutputJson, TaskPayloads.ToJson(RewriteOutput()), json => TaskPayloads.ToJson(TaskPayloads.ParseOutput(json)));

    [Fact]
    public void A_rewrite_process_has_its_pinned_form() =>
        AssertPinned(RewriteProcessJson, TaskPayloads.ToJson(RewriteProcess()), json => TaskPayloads.ToJson(TaskPayloads.ParseProcess(json)));

    [Fact]
    public void A_merge_task_has_its_pinned_form() =>
        AssertPinned(MergeTaskJson, TaskPayloads.ToJson(MergeTask()), json => TaskPayloads.ToJson(TaskPayloads.ParseMergeTask(json)));

    [Fact]
    public void A_merge_output_has_its_pinned_form() =>
        AssertPinned(MergeOutputJson, TaskPayloads.ToJson(MergeOutput()), json => TaskPayloads.ToJson(TaskPayloads.ParseMergeOutput(json)));

    [Fact]
    public void A_merge_process_has_its_pinned_form() =>
        AssertPinned(MergeProcessJson, TaskPayloads.ToJson(MergeProcess()), json => TaskPayloads.ToJson(TaskPayloads.ParseMergeProcess(json)));

    /// <summary>The literal, laid out for reading here, is compared in its compact form: exactly what goes on the wire.</summary>
    private static void AssertPinned(string literal, string written, Func<string, string> readAndWrite)
    {
        string pinned = Compact(literal);
        Assert.Equal(pinned, written);
        Assert.Equal(pinned, readAndWrite(pinned));
    }

    private static string Compact(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
