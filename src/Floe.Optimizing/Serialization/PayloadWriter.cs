using System.Buffers;
using System.Text.Json;
using Floe.Contracts.Optimizing;
using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Execution;
using Floe.Optimizing.Planning;
using Floe.Optimizing.PrimaryKeys;

namespace Floe.Optimizing.Serialization;

/// <summary>
/// Tasks, outputs, processes and content files as their contract records (Floe.Contracts.Optimizing): every
/// manifest field kept, metrics and bounds ordered by field id, partition values self-describing.
/// <see cref="PayloadReader"/> maps them back.
/// </summary>
internal static class PayloadWriter
{
    public static RewriteTaskMessage Task(RewriteTask task) => Task(task, Table(task.Table));

    /// <summary>The tasks' records; tasks sharing a <see cref="TaskTable"/> share its record (schema and spec built once).</summary>
    public static List<RewriteTaskMessage> Tasks(IReadOnlyList<RewriteTask> tasks)
    {
        var tables = new Dictionary<TaskTable, TaskTableMessage>(ReferenceEqualityComparer.Instance);
        var messages = new List<RewriteTaskMessage>(tasks.Count);
        foreach (RewriteTask task in tasks)
        {
            if (!tables.TryGetValue(task.Table, out TaskTableMessage? table))
            {
                table = Table(task.Table);
                tables[task.Table] = table;
            }

            messages.Add(Task(task, table));
        }

        return messages;
    }

    private static RewriteTaskMessage Task(RewriteTask task, TaskTableMessage table) => new()
    {
        ProcessId = task.ProcessId,
        TaskId = task.TaskId,
        Type = TypeName(task.Type),
        Table = table,
        Partition = Partition(task.Partition),
        TargetSize = task.TargetSize,
        RewrittenDataFiles = Files(task.RewrittenDataFiles),
        RewritePosDataFiles = Files(task.RewritePosDataFiles),
        ReadOnlyDeleteFiles = Files(task.ReadOnlyDeleteFiles),
        RewrittenDeleteFiles = Files(task.RewrittenDeleteFiles),
    };

    public static RewriteOutputMessage Output(RewriteTaskOutput output) => new()
    {
        ProcessId = output.ProcessId,
        TaskId = output.TaskId,
        Attempt = output.Attempt,
        DataFiles = [.. output.DataFiles.Select(File)],
        DeleteFiles = [.. output.DeleteFiles.Select(File)],
        InputRecords = output.InputRecords,
        InputBytes = output.InputBytes,
        ElapsedMs = output.ElapsedMs,
    };

    public static RewriteProcessMessage Process(OptimizingProcess process) => Process(process, Tasks(process.Tasks));

    /// <summary>The process around its tasks' records, already built.</summary>
    public static RewriteProcessMessage Process(OptimizingProcess process, IReadOnlyList<RewriteTaskMessage> tasks) => new()
    {
        ProcessId = process.ProcessId,
        Type = TypeName(process.Type),
        FromSnapshotId = process.FromSnapshotId,
        FromSequenceNumber = process.FromSequenceNumber,
        Reason = process.Reason,
        Tasks = tasks,
    };

    public static MergeTaskMessage Task(PrimaryKeyMergeTask task) => new()
    {
        ProcessId = task.ProcessId,
        TaskId = task.TaskId,
        Type = TypeName(task.Type),
        Table = Table(task.Table),
        PrimaryKey = task.PrimaryKey,
        BaseBuckets = task.BaseBuckets,
        ChangeBuckets = task.ChangeBuckets,
        Partition = Partition(task.Partition),
        PartitionOrdinal = task.PartitionOrdinal,
        OptimizedPoint = task.OptimizedPoint,
        TargetSize = task.TargetSize,
        RewriteRatio = task.RewriteRatio,
        BaseFiles = [.. task.BaseFiles.Select(b => new MergeBaseFileMessage
        {
            DataSequenceNumber = b.File.DataSequenceNumber,
            FileSequenceNumber = b.File.FileSequenceNumber,
            File = File(b.File.File),
            Deletes = b.Deletes,
        })],
        DeleteFiles = Files(task.DeleteFiles),
        ChangeFiles = Files(task.ChangeFiles),
        RewriteAlways = task.RewriteAlways,
        PartitionBaseFiles = task.PartitionBaseFiles,
        Nodes = task.Nodes.Count > 0 ? task.Nodes : null,
    };

    public static MergeOutputMessage Output(PrimaryKeyMergeOutput output) => new()
    {
        ProcessId = output.ProcessId,
        TaskId = output.TaskId,
        Attempt = output.Attempt,
        PartitionPath = output.PartitionPath,
        NewFiles = [.. output.NewFiles.Select(File)],
        PositionDeletes = [.. output.PositionDeletes.Select(File)],
        RewrittenFiles = output.RewrittenFiles,
        RemovedDeleteFiles = output.RemovedDeleteFiles,
        DeleteTargets = output.DeleteTargets,
        MaxTransaction = output.MaxTransaction,
        ChangeRows = output.ChangeRows,
        NewRows = output.NewRows,
        DeletedRows = output.DeletedRows,
        InputBytes = output.InputBytes,
        ElapsedMs = output.ElapsedMs,
    };

    public static MergeProcessMessage Process(PrimaryKeyOptimizingProcess process) => new()
    {
        ProcessId = process.ProcessId,
        Type = TypeName(process.Type),
        BaseSnapshotId = process.BaseSnapshotId,
        ChangeSnapshotId = process.ChangeSnapshotId,
        Reason = process.Reason,
        Partitions = [.. process.Partitions.Select(p => new PartitionPointMessage { Path = p.Path, FromPoint = p.FromPoint, ToPoint = p.ToPoint })],
        Tasks = [.. process.Tasks.Select(Task)],
    };

    public static ContentFileMessage File(ContentFile file)
    {
        var delete = file as DeleteFile;
        return new ContentFileMessage
        {
            Content = file.Content switch
            {
                FileContent.PositionDeletes => ContentKinds.PositionDeletes,
                FileContent.EqualityDeletes => ContentKinds.EqualityDeletes,
                _ => ContentKinds.Data,
            },
            FilePath = file.FilePath,
            FileFormat = FileFormats.ToName(file.Format),
            SpecId = file.SpecId,
            Partition = Partition(file.Partition),
            RecordCount = file.RecordCount,
            FileSizeInBytes = file.FileSizeInBytes,
            ColumnSizes = ById(file.ColumnSizes),
            ValueCounts = ById(file.ValueCounts),
            NullValueCounts = ById(file.NullValueCounts),
            NanValueCounts = ById(file.NanValueCounts),
            LowerBounds = ById(file.LowerBounds),
            UpperBounds = ById(file.UpperBounds),
            KeyMetadata = file.KeyMetadata,
            SplitOffsets = file.SplitOffsets,
            SortOrderId = file.SortOrderId,
            EqualityIds = delete?.EqualityIds,
            ReferencedDataFile = delete?.ReferencedDataFile,
            ContentOffset = delete?.ContentOffset,
            ContentSizeInBytes = delete?.ContentSizeInBytes,
        };
    }

    public static string TypeName(OptimizingType type) => type switch
    {
        OptimizingType.Full => "full",
        OptimizingType.Major => "major",
        _ => "minor",
    };

    private static TaskTableMessage Table(TaskTable table) => new()
    {
        Location = table.Location,
        Schema = Element(w => SchemaJson.Write(w, table.Schema)),
        Spec = Element(w => PartitionSpecJson.Write(w, table.Spec)),
        Properties = new SortedDictionary<string, string>(table.Properties.ToDictionary(StringComparer.Ordinal), StringComparer.Ordinal),
    };

    private static List<TaskFileMessage> Files(IReadOnlyList<TaskFile> files) =>
        [.. files.Select(f => new TaskFileMessage { DataSequenceNumber = f.DataSequenceNumber, FileSequenceNumber = f.FileSequenceNumber, File = File(f.File) })];

    private static List<PartitionValueMessage?> Partition(PartitionData partition)
    {
        var values = new List<PartitionValueMessage?>(partition.Size);
        foreach (Literal value in partition.Values)
        {
            values.Add(Value(value));
        }

        return values;
    }

    private static PartitionValueMessage? Value(Literal value) => value.IsNull ? null : new PartitionValueMessage
    {
        Type = value.TypeId switch
        {
            TypeId.Decimal => PrimitiveType.Decimal(38, value.DecimalScale).ToString(),
            TypeId.Fixed => PrimitiveType.Fixed(value.AsBytes().Length).ToString(),
            _ => PrimitiveType.FromId(value.TypeId).ToString(),
        },
        Value = SingleValueBinary.ToBytes(value),
    };

    /// <summary>A metrics map in field-id order, so the same file always serializes to the same text.</summary>
    private static SortedDictionary<int, T>? ById<T>(IReadOnlyDictionary<int, T>? map)
    {
        if (map is null)
        {
            return null;
        }

        var sorted = new SortedDictionary<int, T>();
        foreach (var (id, value) in map)
        {
            sorted[id] = value;
        }

        return sorted;
    }

    /// <summary>An Iceberg model object (schema, spec) written by its own JSON writer, as an element of the record.</summary>
    private static JsonElement Element(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }
}
