using System.Buffers;
using System.Text;
using System.Text.Json;
using Floe.Common.Errors;
using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Execution;
using Floe.Optimizing.Planning;

namespace Floe.Optimizing.Serialization;

/// <summary>
/// The stable JSON form of tasks, task outputs and processes, as they travel between the server and optimizers.
/// Written and read by hand (no reflection), so the format is exactly what this file says; malformed input fails with
/// <see cref="FloeErrorKind.InvalidData"/> naming the member.
/// </summary>
public static class OptimizingJson
{
    private static readonly JsonWriterOptions s_writerOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonDocumentOptions s_readerOptions = new() { MaxDepth = 256 };

    public static string ToJson(RewriteTask task) => Write(w => WriteTask(w, task));

    public static RewriteTask ParseTask(string json) => Parse(json, "task", ReadTask);

    public static string ToJson(RewriteTaskOutput output) => Write(w => WriteOutput(w, output));

    public static RewriteTaskOutput ParseOutput(string json) => Parse(json, "task output", ReadOutput);

    public static string ToJson(OptimizingProcess process) => Write(w => WriteProcess(w, process));

    public static OptimizingProcess ParseProcess(string json) => Parse(json, "process", ReadProcess);

    public static string ToJson(ContentFile file) => Write(w => ContentFileJson.Write(w, file));

    public static ContentFile ParseContentFile(string json) => Parse(json, "content file", ContentFileJson.Read);

    public static void WriteTask(Utf8JsonWriter writer, RewriteTask task)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(task);
        writer.WriteStartObject();
        writer.WriteNumber("process-id", task.ProcessId);
        writer.WriteNumber("task-id", task.TaskId);
        writer.WriteString("type", TypeName(task.Type));
        WriteTable(writer, task.Table);
        ContentFileJson.WritePartition(writer, "partition", task.Partition);
        writer.WriteNumber("target-size", task.TargetSize);
        WriteFiles(writer, "rewritten-data-files", task.RewrittenDataFiles);
        WriteFiles(writer, "rewrite-pos-data-files", task.RewritePosDataFiles);
        WriteFiles(writer, "read-only-delete-files", task.ReadOnlyDeleteFiles);
        WriteFiles(writer, "rewritten-delete-files", task.RewrittenDeleteFiles);
        writer.WriteEndObject();
    }

    public static RewriteTask ReadTask(JsonElement element)
    {
        const string What = "task";
        long targetSize = JsonRead.Of(What).Long(element, "target-size");
        if (targetSize <= 0)
        {
            throw JsonRead.Of(What).Wrong("target-size", "a positive size");
        }

        return new RewriteTask
        {
            ProcessId = JsonRead.Of(What).Long(element, "process-id"),
            TaskId = JsonRead.Of(What).Int(element, "task-id"),
            Type = ParseType(JsonRead.Of(What).String(element, "type"), What),
            Table = ReadTable(element, What),
            Partition = ContentFileJson.ReadPartition(JsonRead.Of(What).OptionalArray(element, "partition") ?? default, What),
            TargetSize = targetSize,
            RewrittenDataFiles = ReadFiles(element, "rewritten-data-files", FileContent.Data, What),
            RewritePosDataFiles = ReadFiles(element, "rewrite-pos-data-files", FileContent.Data, What),
            ReadOnlyDeleteFiles = ReadFiles(element, "read-only-delete-files", null, What),
            RewrittenDeleteFiles = ReadFiles(element, "rewritten-delete-files", null, What),
        };
    }

    public static void WriteOutput(Utf8JsonWriter writer, RewriteTaskOutput output)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(output);
        writer.WriteStartObject();
        writer.WriteNumber("process-id", output.ProcessId);
        writer.WriteNumber("task-id", output.TaskId);
        writer.WriteNumber("attempt", output.Attempt);
        WriteContentFiles(writer, "data-files", output.DataFiles);
        WriteContentFiles(writer, "delete-files", output.DeleteFiles);
        writer.WriteNumber("input-records", output.InputRecords);
        writer.WriteNumber("input-bytes", output.InputBytes);
        writer.WriteNumber("elapsed-ms", output.ElapsedMs);
        writer.WriteEndObject();
    }

    public static RewriteTaskOutput ReadOutput(JsonElement element)
    {
        const string What = "task output";
        var data = new List<DataFile>();
        var deletes = new List<DeleteFile>();
        foreach (TaskFile file in ReadContentFiles(element, "data-files", FileContent.Data))
        {
            data.Add(file.AsData);
        }

        foreach (TaskFile file in ReadContentFiles(element, "delete-files", null))
        {
            deletes.Add(file.AsDelete);
        }

        return new RewriteTaskOutput
        {
            ProcessId = JsonRead.Of(What).Long(element, "process-id"),
            TaskId = JsonRead.Of(What).Int(element, "task-id"),
            Attempt = JsonRead.Of(What).Int(element, "attempt"),
            DataFiles = data,
            DeleteFiles = deletes,
            InputRecords = JsonRead.Of(What).OptionalLong(element, "input-records") ?? 0,
            InputBytes = JsonRead.Of(What).OptionalLong(element, "input-bytes") ?? 0,
            ElapsedMs = JsonRead.Of(What).OptionalLong(element, "elapsed-ms") ?? 0,
        };
    }

    public static void WriteProcess(Utf8JsonWriter writer, OptimizingProcess process)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(process);
        writer.WriteStartObject();
        writer.WriteNumber("process-id", process.ProcessId);
        writer.WriteString("type", TypeName(process.Type));
        writer.WriteNumber("from-snapshot-id", process.FromSnapshotId);
        writer.WriteNumber("from-sequence-number", process.FromSequenceNumber);
        writer.WriteString("reason", process.Reason);
        writer.WriteStartArray("tasks");
        foreach (RewriteTask task in process.Tasks)
        {
            WriteTask(writer, task);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static OptimizingProcess ReadProcess(JsonElement element)
    {
        const string What = "process";
        var tasks = new List<RewriteTask>();
        JsonElement array = JsonRead.Of(What).OptionalArray(element, "tasks") ?? default;
        if (array.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement task in array.EnumerateArray())
            {
                tasks.Add(ReadTask(task));
            }
        }

        return new OptimizingProcess
        {
            ProcessId = JsonRead.Of(What).Long(element, "process-id"),
            Type = ParseType(JsonRead.Of(What).String(element, "type"), What),
            FromSnapshotId = JsonRead.Of(What).Long(element, "from-snapshot-id"),
            FromSequenceNumber = JsonRead.Of(What).Long(element, "from-sequence-number"),
            Reason = JsonRead.Of(What).OptionalString(element, "reason") ?? "",
            Tasks = tasks,
        };
    }

    /// <summary>Writes a <see cref="TaskTable"/> as the member "table".</summary>
    internal static void WriteTable(Utf8JsonWriter writer, TaskTable table)
    {
        writer.WriteStartObject("table");
        writer.WriteString("location", table.Location);
        writer.WritePropertyName("schema");
        SchemaJson.Write(writer, table.Schema);
        writer.WritePropertyName("spec");
        PartitionSpecJson.Write(writer, table.Spec);
        writer.WriteStartObject("properties");
        foreach (var (key, value) in table.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Reads the member "table" of <paramref name="parent"/>.</summary>
    internal static TaskTable ReadTable(JsonElement parent, string what)
    {
        JsonElement table = JsonRead.Of(what).Object(parent, "table");
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (table.TryGetProperty("properties", out JsonElement props) && props.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in props.EnumerateObject())
            {
                properties[property.Name] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()!
                    : throw JsonRead.Of(what).Wrong($"table.properties.{property.Name}", "a string");
            }
        }

        Schema schema = SchemaJson.Parse(JsonRead.Of(what).Object(table, "schema").GetRawText());
        PartitionSpec spec = PartitionSpecJson.Parse(JsonRead.Of(what).Object(table, "spec").GetRawText());
        return new TaskTable(JsonRead.Of(what).String(table, "location"), schema, spec, properties);
    }

    internal static void WriteFiles(Utf8JsonWriter writer, string name, IReadOnlyList<TaskFile> files)
    {
        writer.WriteStartArray(name);
        foreach (TaskFile file in files)
        {
            writer.WriteStartObject();
            writer.WriteNumber("data-sequence-number", file.DataSequenceNumber);
            if (file.FileSequenceNumber is long fileSequence)
            {
                writer.WriteNumber("file-sequence-number", fileSequence);
            }

            writer.WritePropertyName("file");
            ContentFileJson.Write(writer, file.File);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    internal static List<TaskFile> ReadFiles(JsonElement parent, string name, FileContent? content, string what)
    {
        var files = new List<TaskFile>();
        JsonElement array = JsonRead.Of(what).OptionalArray(parent, name) ?? default;
        if (array.ValueKind != JsonValueKind.Array)
        {
            return files;
        }

        foreach (JsonElement item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw JsonRead.Of(what).Wrong(name, "an array of objects");
            }

            ContentFile file = ContentFileJson.Read(JsonRead.Of(what).Object(item, "file"));
            Check(file, content, name);
            files.Add(new TaskFile(file, JsonRead.Of(what).Long(item, "data-sequence-number"), JsonRead.Of(what).OptionalLong(item, "file-sequence-number")));
        }

        return files;
    }

    /// <summary>Writes bare files (no sequence numbers) as an array; <see cref="ReadContentFiles"/> reads them back.</summary>
    internal static void WriteContentFiles(Utf8JsonWriter writer, string name, IEnumerable<ContentFile> files)
    {
        writer.WriteStartArray(name);
        foreach (ContentFile file in files)
        {
            ContentFileJson.Write(writer, file);
        }

        writer.WriteEndArray();
    }

    internal static List<TaskFile> ReadContentFiles(JsonElement parent, string name, FileContent? content, string what = "task output")
    {
        var files = new List<TaskFile>();
        JsonElement array = JsonRead.Of(what).OptionalArray(parent, name) ?? default;
        if (array.ValueKind != JsonValueKind.Array)
        {
            return files;
        }

        foreach (JsonElement item in array.EnumerateArray())
        {
            ContentFile file = ContentFileJson.Read(item);
            Check(file, content, name);
            files.Add(new TaskFile(file, 0));
        }

        return files;
    }

    internal static void Check(ContentFile file, FileContent? content, string name)
    {
        bool ok = content is FileContent.Data ? file.Content == FileContent.Data : file.Content != FileContent.Data;
        if (!ok)
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"Invalid JSON: '{name}' holds {file.FilePath} of the wrong content ({file.Content}).");
        }
    }

    internal static string TypeName(OptimizingType type) => type switch
    {
        OptimizingType.Full => "full",
        OptimizingType.Major => "major",
        _ => "minor",
    };

    internal static OptimizingType ParseType(string text, string what) => text switch
    {
        "minor" => OptimizingType.Minor,
        "major" => OptimizingType.Major,
        "full" => OptimizingType.Full,
        _ => throw JsonRead.Of(what).Wrong("type", "minor, major or full"),
    };

    internal static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static T Parse<T>(string json, string what, Func<JsonElement, T> read)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, s_readerOptions);
        }
        catch (JsonException e)
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"Invalid {what} JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FloeException(FloeErrorKind.InvalidData, $"Invalid {what} JSON: expected an object.");
            }

            return read(document.RootElement);
        }
    }
}
