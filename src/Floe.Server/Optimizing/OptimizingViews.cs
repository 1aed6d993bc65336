using System.Buffers;
using System.Text;
using System.Text.Json;
using Floe.Optimizing.Evaluation;
using Floe.Server.Store;

namespace Floe.Server.Optimizing;

/// <summary>The JSON form of the optimizing service's state in the management API (kebab-case members).</summary>
internal static class OptimizingViews
{
    /// <summary>An evaluation's pending input as a JSON object (stored with the table's state).</summary>
    public static string PendingJson(TableEvaluation evaluation)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            PendingInput p = evaluation.Pending;
            writer.WriteStartObject();
            writer.WriteNumber("partitions", evaluation.PendingPartitionCount);
            writer.WriteNumber("data-files", p.DataFileCount);
            writer.WriteNumber("data-bytes", p.DataFileBytes);
            writer.WriteNumber("data-records", p.DataRecords);
            writer.WriteNumber("fragments", p.FragmentCount);
            writer.WriteNumber("undersized-segments", p.UndersizedSegmentCount);
            writer.WriteNumber("segments", p.SegmentCount);
            writer.WriteNumber("equality-delete-files", p.EqualityDeleteFileCount);
            writer.WriteNumber("equality-delete-records", p.EqualityDeleteRecords);
            writer.WriteNumber("position-delete-files", p.PositionDeleteFileCount);
            writer.WriteNumber("position-delete-records", p.PositionDeleteRecords);
            writer.WriteNumber("table-data-files", evaluation.DataFileCount);
            writer.WriteNumber("table-delete-files", evaluation.DeleteFileCount);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void WriteRuntime(Utf8JsonWriter writer, TableRuntimeRecord runtime, double? occupation = null)
    {
        writer.WriteStartObject();
        writer.WriteString("catalog", runtime.Key.Catalog);
        writer.WriteString("namespace", runtime.Key.Namespace);
        writer.WriteString("table", runtime.Key.Table);
        writer.WriteString("format", runtime.Format);
        writer.WriteString("group", runtime.Group);
        writer.WriteString("status", ((OptimizingStatus)runtime.Status).ToDisplayName());
        writer.WriteNumber("status-code", runtime.Status);
        writer.WriteNumber("status-since-ms", runtime.StatusSinceMs);
        WriteNullable(writer, "optimizing-type", runtime.OptimizingType);
        writer.WriteString("reason", runtime.Reason);
        writer.WriteNumber("health-score", Math.Round(runtime.HealthScore, 2));
        writer.WritePropertyName("pending");
        writer.WriteRawValue(runtime.Pending);
        writer.WriteNumber("last-minor-optimizing-ms", runtime.LastMinorMs);
        writer.WriteNumber("last-major-optimizing-ms", runtime.LastMajorMs);
        writer.WriteNumber("last-full-optimizing-ms", runtime.LastFullMs);
        writer.WriteNumber("last-plan-ms", runtime.LastPlanMs);
        if (runtime.ProcessId is long process)
        {
            writer.WriteNumber("process-id", process);
        }
        else
        {
            writer.WriteNull("process-id");
        }

        WriteNullable(writer, "last-error", runtime.LastError);
        if (occupation is double value)
        {
            writer.WriteNumber("quota-occupation", Math.Round(value, 6));
        }

        writer.WriteEndObject();
    }

    public static void WriteProcess(Utf8JsonWriter writer, OptimizingProcessRecord process, IReadOnlyList<OptimizingTaskRecord>? tasks = null)
    {
        writer.WriteStartObject();
        writer.WriteNumber("process-id", process.ProcessId);
        writer.WriteString("catalog", process.Table.Catalog);
        writer.WriteString("namespace", process.Table.Namespace);
        writer.WriteString("table", process.Table.Table);
        writer.WriteString("group", process.Group);
        writer.WriteString("format", process.Format);
        writer.WriteString("optimizing-type", process.OptimizingType);
        writer.WriteString("status", process.Status);
        writer.WriteString("reason", process.Reason);
        writer.WriteNumber("started-ms", process.StartedMs);
        WriteNullable(writer, "ended-ms", process.EndedMs);
        writer.WriteNumber("duration-ms", (process.EndedMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) - process.StartedMs);
        WriteNullable(writer, "fail-reason", process.FailReason);
        writer.WriteNumber("task-count", process.TaskCount);
        writer.WriteNumber("input-files", process.InputFiles);
        writer.WriteNumber("input-bytes", process.InputBytes);
        writer.WriteNumber("output-files", process.OutputFiles);
        writer.WriteNumber("output-bytes", process.OutputBytes);
        WriteNullable(writer, "snapshot-id", process.SnapshotId);
        if (tasks is not null)
        {
            writer.WriteStartArray("tasks");
            foreach (OptimizingTaskRecord task in tasks)
            {
                WriteTask(writer, task);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    public static void WriteTask(Utf8JsonWriter writer, OptimizingTaskRecord task)
    {
        writer.WriteStartObject();
        writer.WriteNumber("task-id", task.TaskId);
        writer.WriteString("kind", task.Kind);
        writer.WriteString("status", task.Status);
        writer.WriteNumber("attempt", task.Attempt);
        writer.WriteNumber("retries", task.Retries);
        WriteNullable(writer, "thread", task.Thread);
        WriteNullable(writer, "error", task.Error);
        writer.WriteNumber("input-files", task.InputFiles);
        writer.WriteNumber("input-bytes", task.InputBytes);
        writer.WriteNumber("output-files", task.OutputFiles);
        writer.WriteNumber("output-bytes", task.OutputBytes);
        WriteNullable(writer, "started-ms", task.StartedMs);
        WriteNullable(writer, "ended-ms", task.EndedMs);
        writer.WriteEndObject();
    }

    public static void WriteOptimizer(Utf8JsonWriter writer, OptimizerInstance optimizer, int runningTasks)
    {
        writer.WriteStartObject();
        // The token authenticates the optimizer; only a prefix is shown.
        writer.WriteString("id", optimizer.Token[..8]);
        writer.WriteString("group", optimizer.Group);
        writer.WriteNumber("threads", optimizer.Threads);
        writer.WriteNumber("running-tasks", runningTasks);
        WriteNullable(writer, "resource-id", optimizer.ResourceId);
        writer.WriteNumber("memory-mb", optimizer.MemoryMb);
        writer.WriteBoolean("local", optimizer.Properties.ContainsKey(OptimizingService.LocalOptimizerProperty));
        writer.WriteNumber("registered-ms", optimizer.RegisteredMs);
        writer.WriteNumber("touched-ms", optimizer.TouchedMs);
        writer.WriteEndObject();
    }

    public static void WriteGroup(Utf8JsonWriter writer, OptimizerGroupRecord group, IReadOnlyList<OptimizerInstance> optimizers)
    {
        writer.WriteStartObject();
        writer.WriteString("name", group.Name);
        writer.WriteNumber("local-threads", group.LocalThreads);
        writer.WriteNumber("optimizers", optimizers.Count(o => o.Group == group.Name));
        writer.WriteNumber("threads", optimizers.Where(o => o.Group == group.Name).Sum(o => o.Threads));
        writer.WriteStartObject("properties");
        foreach ((string key, string value) in group.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
        writer.WriteNumber("created-ms", group.CreatedMs);
        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, long? value)
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
}
