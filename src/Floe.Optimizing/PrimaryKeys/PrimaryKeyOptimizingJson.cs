using System.Globalization;
using System.Text.Json;
using Floe.Common.Errors;
using Floe.Core.Manifests;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Planning;
using Floe.Optimizing.Serialization;

namespace Floe.Optimizing.PrimaryKeys;

/// <summary>
/// The stable JSON form of <c>mixed-merge</c> tasks, their outputs and processes, written and read by hand like
/// <see cref="OptimizingJson"/> (kebab-case members, files in the same form); malformed input fails with
/// <see cref="FloeErrorKind.InvalidData"/> naming the member.
/// </summary>
public static class PrimaryKeyOptimizingJson
{
    private const string TaskWhat = "mixed-merge task";
    private const string OutputWhat = "mixed-merge output";
    private const string ProcessWhat = "mixed optimizing process";

    public static string ToJson(PrimaryKeyMergeTask task) => OptimizingJson.Write(w => WriteTask(w, task));

    public static PrimaryKeyMergeTask ParseTask(string json) => OptimizingJson.Parse(json, TaskWhat, ReadTask);

    public static string ToJson(PrimaryKeyMergeOutput output) => OptimizingJson.Write(w => WriteOutput(w, output));

    public static PrimaryKeyMergeOutput ParseOutput(string json) => OptimizingJson.Parse(json, OutputWhat, ReadOutput);

    public static string ToJson(PrimaryKeyOptimizingProcess process) => OptimizingJson.Write(w => WriteProcess(w, process));

    public static PrimaryKeyOptimizingProcess ParseProcess(string json) => OptimizingJson.Parse(json, ProcessWhat, ReadProcess);

    private static void WriteTask(Utf8JsonWriter writer, PrimaryKeyMergeTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        writer.WriteStartObject();
        writer.WriteNumber("process-id", task.ProcessId);
        writer.WriteNumber("task-id", task.TaskId);
        writer.WriteString("type", OptimizingJson.TypeName(task.Type));
        OptimizingJson.WriteTable(writer, task.Table);
        WriteStrings(writer, "primary-key", task.PrimaryKey);
        writer.WriteNumber("base-buckets", task.BaseBuckets);
        writer.WriteNumber("change-buckets", task.ChangeBuckets);
        ContentFileJson.WritePartition(writer, "partition", task.Partition);
        writer.WriteNumber("partition-ordinal", task.PartitionOrdinal);
        writer.WriteNumber("optimized-point", task.OptimizedPoint);
        writer.WriteNumber("target-size", task.TargetSize);
        writer.WriteNumber("rewrite-ratio", task.RewriteRatio);
        writer.WriteStartArray("base-files");
        foreach (PrimaryKeyBaseFile file in task.BaseFiles)
        {
            writer.WriteStartObject();
            writer.WriteNumber("data-sequence-number", file.File.DataSequenceNumber);
            if (file.File.FileSequenceNumber is long fileSequence)
            {
                writer.WriteNumber("file-sequence-number", fileSequence);
            }

            writer.WritePropertyName("file");
            ContentFileJson.Write(writer, file.File.File);
            WriteStrings(writer, "deletes", file.Deletes);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        OptimizingJson.WriteFiles(writer, "delete-files", task.DeleteFiles);
        OptimizingJson.WriteFiles(writer, "change-files", task.ChangeFiles);
        WriteStrings(writer, "rewrite-always", task.RewriteAlways);
        WriteStrings(writer, "partition-base-files", task.PartitionBaseFiles);
        if (task.Nodes.Count > 0)
        {
            writer.WriteStartArray("nodes");
            foreach (long node in task.Nodes)
            {
                writer.WriteNumberValue(node);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static PrimaryKeyMergeTask ReadTask(JsonElement element)
    {
        long targetSize = JsonRead.Of(TaskWhat).Long(element, "target-size");
        if (targetSize <= 0)
        {
            throw JsonRead.Of(TaskWhat).Wrong("target-size", "a positive size");
        }

        double ratio = Double(element, "rewrite-ratio", TaskWhat) ?? 0.5;
        if (ratio is < 0 or > 1 || double.IsNaN(ratio))
        {
            throw JsonRead.Of(TaskWhat).Wrong("rewrite-ratio", "a number from 0 to 1");
        }

        List<TaskFile> deletes = OptimizingJson.ReadFiles(element, "delete-files", null, TaskWhat);
        var deletePaths = deletes.Select(d => d.File.FilePath).ToHashSet(StringComparer.Ordinal);
        var baseFiles = new List<PrimaryKeyBaseFile>();
        JsonElement array = JsonRead.Of(TaskWhat).OptionalArray(element, "base-files") ?? default;
        if (array.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw JsonRead.Of(TaskWhat).Wrong("base-files", "an array of objects");
                }

                ContentFile file = ContentFileJson.Read(JsonRead.Of(TaskWhat).Object(item, "file"));
                OptimizingJson.Check(file, FileContent.Data, "base-files");
                List<string> named = Strings(item, "deletes", TaskWhat);
                if (named.FirstOrDefault(p => !deletePaths.Contains(p)) is string unknown)
                {
                    throw JsonRead.Of(TaskWhat).Wrong("base-files.deletes", $"paths listed in delete-files ({unknown} is not)");
                }

                baseFiles.Add(new PrimaryKeyBaseFile(
                    new TaskFile(file, JsonRead.Of(TaskWhat).Long(item, "data-sequence-number"), JsonRead.Of(TaskWhat).OptionalLong(item, "file-sequence-number")), named));
            }
        }

        _ = JsonRead.Of(TaskWhat).Required(element, "primary-key");
        List<string> key = Strings(element, "primary-key", TaskWhat);
        if (key.Count == 0)
        {
            throw JsonRead.Of(TaskWhat).Wrong("primary-key", "a non-empty array of column names");
        }

        OptimizingType type = OptimizingJson.ParseType(JsonRead.Of(TaskWhat).String(element, "type"), TaskWhat);
        if (type == OptimizingType.Major)
        {
            throw JsonRead.Of(TaskWhat).Wrong("type", "minor or full");
        }

        return new PrimaryKeyMergeTask
        {
            ProcessId = JsonRead.Of(TaskWhat).Long(element, "process-id"),
            TaskId = JsonRead.Of(TaskWhat).Int(element, "task-id"),
            Type = type,
            Table = OptimizingJson.ReadTable(element, TaskWhat),
            PrimaryKey = key,
            BaseBuckets = Buckets(element, "base-buckets"),
            ChangeBuckets = Buckets(element, "change-buckets"),
            Partition = ContentFileJson.ReadPartition(JsonRead.Of(TaskWhat).OptionalArray(element, "partition") ?? default, TaskWhat),
            PartitionOrdinal = JsonRead.Of(TaskWhat).OptionalInt(element, "partition-ordinal") ?? 0,
            OptimizedPoint = NonNegative(element, "optimized-point", TaskWhat),
            TargetSize = targetSize,
            RewriteRatio = ratio,
            BaseFiles = baseFiles,
            DeleteFiles = deletes,
            ChangeFiles = OptimizingJson.ReadFiles(element, "change-files", FileContent.Data, TaskWhat),
            RewriteAlways = Strings(element, "rewrite-always", TaskWhat),
            PartitionBaseFiles = Strings(element, "partition-base-files", TaskWhat),
            Nodes = NodeIds(element),
        };
    }

    /// <summary>Bucket node ids: 1 (the root) up to 2^17 - 1 (the finest nodes of 65,536 buckets).</summary>
    private static List<long> NodeIds(JsonElement element)
    {
        List<long> nodes = JsonRead.Of(TaskWhat).LongList(element, "nodes") ?? [];
        return nodes.Exists(id => id is < 1 or > (2 * 65536) - 1) ? throw JsonRead.Of(TaskWhat).Wrong("nodes", "bucket node ids from 1 to 131071") : nodes;
    }

    private static void WriteOutput(Utf8JsonWriter writer, PrimaryKeyMergeOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        writer.WriteStartObject();
        writer.WriteNumber("process-id", output.ProcessId);
        writer.WriteNumber("task-id", output.TaskId);
        writer.WriteNumber("attempt", output.Attempt);
        writer.WriteString("partition-path", output.PartitionPath);
        OptimizingJson.WriteContentFiles(writer, "new-files", output.NewFiles);
        OptimizingJson.WriteContentFiles(writer, "position-deletes", output.PositionDeletes);
        WriteStrings(writer, "rewritten-files", output.RewrittenFiles);
        WriteStrings(writer, "removed-delete-files", output.RemovedDeleteFiles);
        WriteStrings(writer, "delete-targets", output.DeleteTargets);
        writer.WriteNumber("max-transaction", output.MaxTransaction);
        writer.WriteNumber("change-rows", output.ChangeRows);
        writer.WriteNumber("new-rows", output.NewRows);
        writer.WriteNumber("deleted-rows", output.DeletedRows);
        writer.WriteNumber("input-bytes", output.InputBytes);
        writer.WriteNumber("elapsed-ms", output.ElapsedMs);
        writer.WriteEndObject();
    }

    private static PrimaryKeyMergeOutput ReadOutput(JsonElement element) => new()
    {
        ProcessId = JsonRead.Of(OutputWhat).Long(element, "process-id"),
        TaskId = JsonRead.Of(OutputWhat).Int(element, "task-id"),
        Attempt = JsonRead.Of(OutputWhat).Int(element, "attempt"),
        PartitionPath = JsonRead.Of(OutputWhat).String(element, "partition-path"),
        NewFiles = [.. OptimizingJson.ReadContentFiles(element, "new-files", FileContent.Data, OutputWhat).Select(f => f.AsData)],
        PositionDeletes = [.. OptimizingJson.ReadContentFiles(element, "position-deletes", FileContent.PositionDeletes, OutputWhat).Select(f => f.AsDelete)],
        RewrittenFiles = Strings(element, "rewritten-files", OutputWhat),
        RemovedDeleteFiles = Strings(element, "removed-delete-files", OutputWhat),
        DeleteTargets = Strings(element, "delete-targets", OutputWhat),
        MaxTransaction = NonNegative(element, "max-transaction", OutputWhat),
        ChangeRows = JsonRead.Of(OutputWhat).OptionalLong(element, "change-rows") ?? 0,
        NewRows = JsonRead.Of(OutputWhat).OptionalLong(element, "new-rows") ?? 0,
        DeletedRows = JsonRead.Of(OutputWhat).OptionalLong(element, "deleted-rows") ?? 0,
        InputBytes = JsonRead.Of(OutputWhat).OptionalLong(element, "input-bytes") ?? 0,
        ElapsedMs = JsonRead.Of(OutputWhat).OptionalLong(element, "elapsed-ms") ?? 0,
    };

    private static void WriteProcess(Utf8JsonWriter writer, PrimaryKeyOptimizingProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        writer.WriteStartObject();
        writer.WriteNumber("process-id", process.ProcessId);
        writer.WriteString("type", OptimizingJson.TypeName(process.Type));
        WriteOptional(writer, "base-snapshot-id", process.BaseSnapshotId);
        WriteOptional(writer, "change-snapshot-id", process.ChangeSnapshotId);
        writer.WriteString("reason", process.Reason);
        writer.WriteStartArray("partitions");
        foreach (PrimaryKeyPartitionPoint partition in process.Partitions)
        {
            writer.WriteStartObject();
            writer.WriteString("path", partition.Path);
            writer.WriteNumber("from-point", partition.FromPoint);
            writer.WriteNumber("to-point", partition.ToPoint);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("tasks");
        foreach (PrimaryKeyMergeTask task in process.Tasks)
        {
            WriteTask(writer, task);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static PrimaryKeyOptimizingProcess ReadProcess(JsonElement element)
    {
        var partitions = new List<PrimaryKeyPartitionPoint>();
        JsonElement array = JsonRead.Of(ProcessWhat).OptionalArray(element, "partitions") ?? default;
        if (array.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw JsonRead.Of(ProcessWhat).Wrong("partitions", "an array of objects");
                }

                partitions.Add(new PrimaryKeyPartitionPoint(
                    JsonRead.Of(ProcessWhat).String(item, "path"), NonNegative(item, "from-point", ProcessWhat), NonNegative(item, "to-point", ProcessWhat)));
            }
        }

        var tasks = new List<PrimaryKeyMergeTask>();
        JsonElement taskArray = JsonRead.Of(ProcessWhat).OptionalArray(element, "tasks") ?? default;
        if (taskArray.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement task in taskArray.EnumerateArray())
            {
                tasks.Add(task.ValueKind == JsonValueKind.Object ? ReadTask(task) : throw JsonRead.Of(ProcessWhat).Wrong("tasks", "an array of objects"));
            }
        }

        return new PrimaryKeyOptimizingProcess
        {
            ProcessId = JsonRead.Of(ProcessWhat).Long(element, "process-id"),
            Type = OptimizingJson.ParseType(JsonRead.Of(ProcessWhat).String(element, "type"), ProcessWhat),
            BaseSnapshotId = JsonRead.Of(ProcessWhat).OptionalLong(element, "base-snapshot-id"),
            ChangeSnapshotId = JsonRead.Of(ProcessWhat).OptionalLong(element, "change-snapshot-id"),
            Reason = JsonRead.Of(ProcessWhat).OptionalString(element, "reason") ?? "",
            Partitions = partitions,
            Tasks = tasks,
        };
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is long number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static List<string> Strings(JsonElement parent, string name, string what)
    {
        var list = new List<string>();
        JsonElement array = JsonRead.Of(what).OptionalArray(parent, name) ?? default;
        if (array.ValueKind != JsonValueKind.Array)
        {
            return list;
        }

        foreach (JsonElement item in array.EnumerateArray())
        {
            list.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw JsonRead.Of(what).Wrong(name, "an array of strings"));
        }

        return list;
    }

    private static double? Double(JsonElement parent, string name, string what)
    {
        if (!parent.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number) ? number : throw JsonRead.Of(what).Wrong(name, "a number");
    }

    private static long NonNegative(JsonElement parent, string name, string what)
    {
        long value = JsonRead.Of(what).Long(parent, name);
        return value >= 0 ? value : throw JsonRead.Of(what).Wrong(name, "a non-negative whole number");
    }

    private static int Buckets(JsonElement parent, string name)
    {
        int value = JsonRead.Of(TaskWhat).Int(parent, name);
        return value is >= 1 and <= 65536 && int.IsPow2(value)
            ? value
            : throw JsonRead.Of(TaskWhat).Wrong(name, string.Create(CultureInfo.InvariantCulture, $"a power of two from 1 to 65536 (got {value})"));
    }
}
