using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Floe.Common.Errors;
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
/// The contract records of tasks, outputs, processes and content files (Floe.Contracts.Optimizing) as domain
/// objects, checking what the generated serializer cannot: names of kinds and formats, partition values, counts and
/// ranges, and that each file list holds the right content. Failures are <see cref="FloeErrorKind.InvalidData"/>
/// naming the member: <c>Invalid task JSON: 'target-size' must be a positive size.</c>
/// </summary>
internal static class PayloadReader
{
    public const string RewriteTaskWhat = "task";
    public const string RewriteOutputWhat = "task output";
    public const string RewriteProcessWhat = "process";
    public const string MergeTaskWhat = "mixed-merge task";
    public const string MergeOutputWhat = "mixed-merge output";
    public const string MergeProcessWhat = "mixed optimizing process";
    public const string FileWhat = "content file";

    public static RewriteTask Task(RewriteTaskMessage task)
    {
        const string What = RewriteTaskWhat;
        return new RewriteTask
        {
            ProcessId = task.ProcessId,
            TaskId = task.TaskId,
            Type = Type(task.Type, What),
            Table = Table(task.Table, What),
            Partition = Partition(task.Partition, What),
            TargetSize = task.TargetSize > 0 ? task.TargetSize : throw Wrong(What, "target-size", "a positive size"),
            RewrittenDataFiles = Files(task.RewrittenDataFiles, "rewritten-data-files", FileContent.Data, What),
            RewritePosDataFiles = Files(task.RewritePosDataFiles, "rewrite-pos-data-files", FileContent.Data, What),
            ReadOnlyDeleteFiles = Files(task.ReadOnlyDeleteFiles, "read-only-delete-files", null, What),
            RewrittenDeleteFiles = Files(task.RewrittenDeleteFiles, "rewritten-delete-files", null, What),
        };
    }

    public static RewriteTaskOutput Output(RewriteOutputMessage output)
    {
        const string What = RewriteOutputWhat;
        return new RewriteTaskOutput
        {
            ProcessId = output.ProcessId,
            TaskId = output.TaskId,
            Attempt = output.Attempt,
            DataFiles = [.. ContentFiles(output.DataFiles, "data-files", FileContent.Data, What).Cast<DataFile>()],
            DeleteFiles = [.. ContentFiles(output.DeleteFiles, "delete-files", null, What).Cast<DeleteFile>()],
            InputRecords = output.InputRecords ?? 0,
            InputBytes = output.InputBytes ?? 0,
            ElapsedMs = output.ElapsedMs ?? 0,
        };
    }

    public static OptimizingProcess Process(RewriteProcessMessage process) => new()
    {
        ProcessId = process.ProcessId,
        Type = Type(process.Type, RewriteProcessWhat),
        FromSnapshotId = process.FromSnapshotId,
        FromSequenceNumber = process.FromSequenceNumber,
        Reason = process.Reason ?? "",
        Tasks = [.. (process.Tasks ?? []).Select(Task)],
    };

    public static PrimaryKeyMergeTask Task(MergeTaskMessage task)
    {
        const string What = MergeTaskWhat;
        double ratio = task.RewriteRatio ?? 0.5;
        if (ratio is < 0 or > 1 || double.IsNaN(ratio))
        {
            throw Wrong(What, "rewrite-ratio", "a number from 0 to 1");
        }

        List<TaskFile> deletes = Files(task.DeleteFiles, "delete-files", null, What);
        var deletePaths = deletes.Select(d => d.File.FilePath).ToHashSet(StringComparer.Ordinal);
        var baseFiles = new List<PrimaryKeyBaseFile>();
        foreach (MergeBaseFileMessage item in task.BaseFiles ?? [])
        {
            ContentFile file = File(item.File);
            Check(file, FileContent.Data, "base-files", What);
            IReadOnlyList<string> named = item.Deletes ?? [];
            if (named.FirstOrDefault(p => !deletePaths.Contains(p)) is string unknown)
            {
                throw Wrong(What, "base-files.deletes", $"paths listed in delete-files ({unknown} is not)");
            }

            baseFiles.Add(new PrimaryKeyBaseFile(new TaskFile(file, item.DataSequenceNumber, item.FileSequenceNumber), named));
        }

        if (task.PrimaryKey.Count == 0)
        {
            throw Wrong(What, "primary-key", "a non-empty array of column names");
        }

        OptimizingType type = Type(task.Type, What);
        if (type == OptimizingType.Major)
        {
            throw Wrong(What, "type", "minor or full");
        }

        IReadOnlyList<long> nodes = task.Nodes ?? [];
        if (nodes.Any(id => id is < 1 or > (2 * 65536) - 1))
        {
            // Bucket node ids: 1 (the root) up to 2^17 - 1 (the finest nodes of 65,536 buckets).
            throw Wrong(What, "nodes", "bucket node ids from 1 to 131071");
        }

        return new PrimaryKeyMergeTask
        {
            ProcessId = task.ProcessId,
            TaskId = task.TaskId,
            Type = type,
            Table = Table(task.Table, What),
            PrimaryKey = task.PrimaryKey,
            BaseBuckets = Buckets(task.BaseBuckets, "base-buckets"),
            ChangeBuckets = Buckets(task.ChangeBuckets, "change-buckets"),
            Partition = Partition(task.Partition, What),
            PartitionOrdinal = task.PartitionOrdinal ?? 0,
            OptimizedPoint = NonNegative(task.OptimizedPoint, "optimized-point", What),
            TargetSize = task.TargetSize > 0 ? task.TargetSize : throw Wrong(What, "target-size", "a positive size"),
            RewriteRatio = ratio,
            BaseFiles = baseFiles,
            DeleteFiles = deletes,
            ChangeFiles = Files(task.ChangeFiles, "change-files", FileContent.Data, What),
            RewriteAlways = task.RewriteAlways ?? [],
            PartitionBaseFiles = task.PartitionBaseFiles ?? [],
            Nodes = nodes,
        };
    }

    public static PrimaryKeyMergeOutput Output(MergeOutputMessage output)
    {
        const string What = MergeOutputWhat;
        return new PrimaryKeyMergeOutput
        {
            ProcessId = output.ProcessId,
            TaskId = output.TaskId,
            Attempt = output.Attempt,
            PartitionPath = output.PartitionPath,
            NewFiles = [.. ContentFiles(output.NewFiles, "new-files", FileContent.Data, What).Cast<DataFile>()],
            PositionDeletes = [.. ContentFiles(output.PositionDeletes, "position-deletes", null, What).Cast<DeleteFile>()],
            RewrittenFiles = output.RewrittenFiles ?? [],
            RemovedDeleteFiles = output.RemovedDeleteFiles ?? [],
            DeleteTargets = output.DeleteTargets ?? [],
            MaxTransaction = NonNegative(output.MaxTransaction, "max-transaction", What),
            ChangeRows = output.ChangeRows ?? 0,
            NewRows = output.NewRows ?? 0,
            DeletedRows = output.DeletedRows ?? 0,
            InputBytes = output.InputBytes ?? 0,
            ElapsedMs = output.ElapsedMs ?? 0,
        };
    }

    public static PrimaryKeyOptimizingProcess Process(MergeProcessMessage process)
    {
        const string What = MergeProcessWhat;
        return new PrimaryKeyOptimizingProcess
        {
            ProcessId = process.ProcessId,
            Type = Type(process.Type, What),
            BaseSnapshotId = process.BaseSnapshotId,
            ChangeSnapshotId = process.ChangeSnapshotId,
            Reason = process.Reason ?? "",
            Partitions = [.. (process.Partitions ?? []).Select(p =>
                new PrimaryKeyPartitionPoint(p.Path, NonNegative(p.FromPoint, "from-point", What), NonNegative(p.ToPoint, "to-point", What)))],
            Tasks = [.. (process.Tasks ?? []).Select(Task)],
        };
    }

    public static ContentFile File(ContentFileMessage file)
    {
        string what = $"{FileWhat} {file.FilePath}";
        FileFormat format = FileFormats.TryParse(file.FileFormat, out FileFormat parsed) ? parsed : throw Wrong(what, "file-format", "a file format name");
        if (file.RecordCount < 0 || file.FileSizeInBytes < 0)
        {
            throw Wrong(what, file.RecordCount < 0 ? "record-count" : "file-size-in-bytes", "a count >= 0");
        }

        PartitionData partition = Partition(file.Partition, what);
        if (file.Content == ContentKinds.Data)
        {
            return new DataFile
            {
                FilePath = file.FilePath, Format = format, SpecId = file.SpecId, Partition = partition, RecordCount = file.RecordCount,
                FileSizeInBytes = file.FileSizeInBytes, ColumnSizes = file.ColumnSizes, ValueCounts = file.ValueCounts,
                NullValueCounts = file.NullValueCounts, NanValueCounts = file.NanValueCounts, LowerBounds = file.LowerBounds,
                UpperBounds = file.UpperBounds, KeyMetadata = file.KeyMetadata, SplitOffsets = file.SplitOffsets, SortOrderId = file.SortOrderId,
            };
        }

        return new DeleteFile
        {
            DeleteContent = file.Content switch
            {
                ContentKinds.PositionDeletes => FileContent.PositionDeletes,
                ContentKinds.EqualityDeletes => FileContent.EqualityDeletes,
                _ => throw Wrong(what, "content", "data, position-deletes or equality-deletes"),
            },
            FilePath = file.FilePath, Format = format, SpecId = file.SpecId, Partition = partition, RecordCount = file.RecordCount,
            FileSizeInBytes = file.FileSizeInBytes, ColumnSizes = file.ColumnSizes, ValueCounts = file.ValueCounts,
            NullValueCounts = file.NullValueCounts, NanValueCounts = file.NanValueCounts, LowerBounds = file.LowerBounds,
            UpperBounds = file.UpperBounds, KeyMetadata = file.KeyMetadata, SplitOffsets = file.SplitOffsets, SortOrderId = file.SortOrderId,
            EqualityIds = file.EqualityIds,
            ReferencedDataFile = file.ReferencedDataFile,
            ContentOffset = file.ContentOffset,
            ContentSizeInBytes = file.ContentSizeInBytes,
        };
    }

    public static FloeException Wrong(string what, string member, string expected) =>
        new(FloeErrorKind.InvalidData, $"Invalid {what} JSON: '{member}' must be {expected}.");

    private static TaskTable Table(TaskTableMessage table, string what)
    {
        Schema schema = table.Schema.ValueKind == JsonValueKind.Object
            ? SchemaJson.Parse(JsonMarshal.GetRawUtf8Value(table.Schema))
            : throw Wrong(what, "table.schema", "an object");
        PartitionSpec spec = table.Spec.ValueKind == JsonValueKind.Object
            ? PartitionSpecJson.Parse(table.Spec.GetRawText())
            : throw Wrong(what, "table.spec", "an object");
        var properties = new Dictionary<string, string>(table.Properties ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        return new TaskTable(table.Location, schema, spec, properties);
    }

    private static PartitionData Partition(IReadOnlyList<PartitionValueMessage?>? values, string what)
    {
        if (values is null || values.Count == 0)
        {
            return PartitionData.Empty;
        }

        var literals = new Literal[values.Count];
        for (int i = 0; i < literals.Length; i++)
        {
            if (values[i] is not { } value)
            {
                literals[i] = Literal.Null;
                continue;
            }

            if (!PrimitiveType.TryParse(value.Type, out PrimitiveType? type) || type is null)
            {
                throw Wrong(what, "partition.type", "a primitive type");
            }

            literals[i] = SingleValueBinary.Read(type, value.Value);
        }

        return PartitionData.Of(literals);
    }

    private static List<TaskFile> Files(IReadOnlyList<TaskFileMessage>? files, string name, FileContent? content, string what)
    {
        var list = new List<TaskFile>(files?.Count ?? 0);
        foreach (TaskFileMessage item in files ?? [])
        {
            ContentFile file = File(item.File);
            Check(file, content, name, what);
            list.Add(new TaskFile(file, item.DataSequenceNumber, item.FileSequenceNumber));
        }

        return list;
    }

    private static List<ContentFile> ContentFiles(IReadOnlyList<ContentFileMessage>? files, string name, FileContent? content, string what)
    {
        var list = new List<ContentFile>(files?.Count ?? 0);
        foreach (ContentFileMessage item in files ?? [])
        {
            ContentFile file = File(item);
            Check(file, content, name, what);
            list.Add(file);
        }

        return list;
    }

    /// <summary>A list meant for data files holds only data files, and one meant for deletes only delete files.</summary>
    private static void Check(ContentFile file, FileContent? content, string name, string what)
    {
        bool ok = content is FileContent.Data ? file.Content == FileContent.Data : file.Content != FileContent.Data;
        if (!ok)
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"Invalid {what} JSON: '{name}' holds {file.FilePath} of the wrong content ({file.Content}).");
        }
    }

    private static OptimizingType Type(string text, string what) => text switch
    {
        "minor" => OptimizingType.Minor,
        "major" => OptimizingType.Major,
        "full" => OptimizingType.Full,
        _ => throw Wrong(what, "type", "minor, major or full"),
    };

    private static long NonNegative(long value, string name, string what) =>
        value >= 0 ? value : throw Wrong(what, name, "a non-negative whole number");

    private static int Buckets(int value, string name) =>
        value is >= 1 and <= 65536 && int.IsPow2(value)
            ? value
            : throw Wrong(MergeTaskWhat, name, string.Create(CultureInfo.InvariantCulture, $"a power of two from 1 to 65536 (got {value})"));
}
