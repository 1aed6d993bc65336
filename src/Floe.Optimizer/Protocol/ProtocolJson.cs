using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Floe.Common.Errors;

namespace Floe.Optimizer.Protocol;

/// <summary>
/// The request and answer bodies of the optimizer protocol (<c>docs/optimizer-protocol.md</c>), written and read by
/// hand. Task inputs and outputs pass through as raw JSON text; only their being JSON objects is checked.
/// </summary>
internal static class ProtocolJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Register(OptimizerRegisterRequest request) => Write(w =>
    {
        w.WriteString("group", request.Group);
        w.WriteNumber("threads", request.Threads);
        w.WriteNumber("memory-mb", request.MemoryMb);
        if (request.ResourceId is null)
        {
            w.WriteNull("resource-id");
        }
        else
        {
            w.WriteString("resource-id", request.ResourceId);
        }

        w.WriteStartObject("properties");
        foreach (var (key, value) in request.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
    });

    public static string Empty() => "{}";

    public static string Poll(int thread) => Write(w => w.WriteNumber("thread", thread));

    public static string Ack(int thread, TaskAttemptId task) => Write(w => WriteAttempt(w, thread, task));

    public static string Complete(int thread, TaskAttemptId task, OptimizerTaskResult result) => Write(w =>
    {
        WriteAttempt(w, thread, task);
        if (result.OutputJson is { } output)
        {
            w.WritePropertyName("output");
            w.WriteRawValue(RequireObject(output, "task output"));
        }
        else
        {
            w.WriteString("error", result.Error);
        }
    });

    public static OptimizerRegistration ParseRegistration(string json, string requestedGroup) => Parse(json, "register", root =>
    {
        string token = String(root, "token", "register") is { Length: > 0 } given
            ? given
            : throw Invalid("register", "'token' is empty");
        string group = OptionalString(root, "group", "register") ?? requestedGroup;
        long heartbeatMs = OptionalLong(root, "heartbeat-interval-ms", "register") ?? 10_000;
        long pollMs = OptionalLong(root, "poll-timeout-ms", "register") ?? 3_000;
        if (heartbeatMs <= 0 || pollMs < 0)
        {
            throw Invalid("register", "'heartbeat-interval-ms' must be positive and 'poll-timeout-ms' not negative");
        }

        return new OptimizerRegistration(token, group, TimeSpan.FromMilliseconds(heartbeatMs), TimeSpan.FromMilliseconds(pollMs));
    });

    /// <summary>The polled task, or null for <c>{"task": null}</c>.</summary>
    public static OptimizerTask? ParsePoll(string json) => Parse(json, "poll", root =>
    {
        if (!root.TryGetProperty("task", out JsonElement task) || task.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (task.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("poll", "'task' is not an object");
        }

        var id = new TaskAttemptId(
            Long(task, "process-id", "poll"),
            checked((int)Long(task, "task-id", "poll")),
            checked((int)Long(task, "attempt", "poll")));
        if (!task.TryGetProperty("input", out JsonElement input) || input.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("poll", "'task.input' is missing or not an object");
        }

        return new OptimizerTask(id, String(task, "kind", "poll"), input.GetRawText());
    });

    /// <summary>The members of an error body <c>{"error": {"message", "type", "code"}}</c>; nulls when the body is not one.</summary>
    public static (string? Message, string? Type) ParseError(string body)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out JsonElement error)
                && error.ValueKind == JsonValueKind.Object)
            {
                return (StringOrNull(error, "message"), StringOrNull(error, "type"));
            }
        }
        catch (JsonException)
        {
            // Not a Floe error body (a proxy's page, say): the caller reports the status alone.
        }

        return (null, null);
    }

    private static void WriteAttempt(Utf8JsonWriter w, int thread, TaskAttemptId task)
    {
        w.WriteNumber("thread", thread);
        w.WriteNumber("process-id", task.ProcessId);
        w.WriteNumber("task-id", task.TaskId);
        w.WriteNumber("attempt", task.Attempt);
    }

    private static string RequireObject(string json, string what)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? json
                : throw new FloeException(FloeErrorKind.InvalidData, $"The {what} is not a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"The {what} is not valid JSON: {ex.Message}", ex);
        }
    }

    private static string Write(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static T Parse<T>(string json, string call, Func<JsonElement, T> read)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? read(document.RootElement)
                : throw Invalid(call, "the answer is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw Invalid(call, "the answer is not JSON (" + ex.Message + ")", ex);
        }
        catch (OverflowException ex)
        {
            throw Invalid(call, "a number is out of range", ex);
        }
    }

    private static string String(JsonElement parent, string name, string call) =>
        OptionalString(parent, name, call) ?? throw Invalid(call, $"'{name}' is missing");

    private static string? OptionalString(JsonElement parent, string name, string call)
    {
        if (!parent.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Invalid(call, $"'{name}' is not a string");
    }

    private static long Long(JsonElement parent, string name, string call) =>
        OptionalLong(parent, name, call) ?? throw Invalid(call, $"'{name}' is missing");

    private static long? OptionalLong(JsonElement parent, string name, string call)
    {
        if (!parent.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number)
            ? number
            : throw Invalid(call, $"'{name}' is not an integer");
    }

    private static string? StringOrNull(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static OptimizerProtocolException Invalid(string call, string problem, Exception? inner = null) =>
        new(FloeErrorKind.InvalidData, string.Create(CultureInfo.InvariantCulture, $"The server's answer to {call} is not an optimizer protocol answer: {problem}."), call, 200, null, inner);
}
