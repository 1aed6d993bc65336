using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Floe.Common.Errors;
using Floe.Contracts.Optimizing;
using Floe.Core.Manifests;
using Floe.Optimizing.Execution;
using Floe.Optimizing.Planning;
using Floe.Optimizing.PrimaryKeys;

namespace Floe.Optimizing.Serialization;

/// <summary>
/// The JSON of tasks, task outputs and processes as they travel between the server and optimizers: the contract
/// records of Floe.Contracts.Optimizing, serialized by <see cref="OptimizingPayloadJson"/>, mapped to and from the
/// domain by <see cref="PayloadWriter"/> and <see cref="PayloadReader"/>. Malformed input fails with
/// <see cref="FloeErrorKind.InvalidData"/> naming the member.
/// </summary>
public static class TaskPayloads
{
    /// <summary>The member list of the serializer's message for missing required members.</summary>
    private static readonly Regex s_missing = new("missing required properties including: ('[^.]*')", RegexOptions.CultureInvariant);

    /// <summary>The serializer's messages for a value of the wrong JSON type, out of range, or null where none is allowed.</summary>
    private static readonly Regex s_wrongValue = new("could not be converted|doesn't allow null", RegexOptions.CultureInvariant);

    private static OptimizingPayloadJson Json => OptimizingPayloadJson.Wire;

    public static string ToJson(RewriteTask task) => Write(PayloadWriter.Task(task), Json.RewriteTaskMessage);

    public static RewriteTask ParseTask(string json) => PayloadReader.Task(Read(json, Json.RewriteTaskMessage, PayloadReader.RewriteTaskWhat));

    public static string ToJson(RewriteTaskOutput output) => Write(PayloadWriter.Output(output), Json.RewriteOutputMessage);

    public static RewriteTaskOutput ParseOutput(string json) => PayloadReader.Output(Read(json, Json.RewriteOutputMessage, PayloadReader.RewriteOutputWhat));

    public static string ToJson(OptimizingProcess process) => Write(PayloadWriter.Process(process), Json.RewriteProcessMessage);

    /// <summary>
    /// The process's JSON and each task's, as <see cref="ToJson(OptimizingProcess)"/> and <see cref="ToJson(RewriteTask)"/>
    /// write them, from one set of task records (the service keeps both forms of a planned process).
    /// </summary>
    public static (string Process, IReadOnlyList<string> Tasks) ToJsonWithTasks(OptimizingProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        List<RewriteTaskMessage> tasks = PayloadWriter.Tasks(process.Tasks);
        return (Write(PayloadWriter.Process(process, tasks), Json.RewriteProcessMessage), [.. tasks.Select(t => Write(t, Json.RewriteTaskMessage))]);
    }

    public static OptimizingProcess ParseProcess(string json) => PayloadReader.Process(Read(json, Json.RewriteProcessMessage, PayloadReader.RewriteProcessWhat));

    public static string ToJson(PrimaryKeyMergeTask task) => Write(PayloadWriter.Task(task), Json.MergeTaskMessage);

    public static PrimaryKeyMergeTask ParseMergeTask(string json) => PayloadReader.Task(Read(json, Json.MergeTaskMessage, PayloadReader.MergeTaskWhat));

    public static string ToJson(PrimaryKeyMergeOutput output) => Write(PayloadWriter.Output(output), Json.MergeOutputMessage);

    public static PrimaryKeyMergeOutput ParseMergeOutput(string json) => PayloadReader.Output(Read(json, Json.MergeOutputMessage, PayloadReader.MergeOutputWhat));

    public static string ToJson(PrimaryKeyOptimizingProcess process) => Write(PayloadWriter.Process(process), Json.MergeProcessMessage);

    public static PrimaryKeyOptimizingProcess ParseMergeProcess(string json) =>
        PayloadReader.Process(Read(json, Json.MergeProcessMessage, PayloadReader.MergeProcessWhat));

    public static string ToJson(ContentFile file) => Write(PayloadWriter.File(file), Json.ContentFileMessage);

    public static ContentFile ParseContentFile(string json) => PayloadReader.File(Read(json, Json.ContentFileMessage, PayloadReader.FileWhat));

    private static string Write<T>(T message, JsonTypeInfo<T> type) => JsonSerializer.Serialize(message, type);

    /// <summary>
    /// The record in <paramref name="json"/>; the serializer's own failures (not JSON, not an object, a missing member,
    /// a value of the wrong type) become <see cref="FloeErrorKind.InvalidData"/> naming the member.
    /// </summary>
    private static T Read<T>(string json, JsonTypeInfo<T> type, string what)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new FloeException(FloeErrorKind.InvalidData, $"Invalid {what} JSON: expected an object, not null.");
        }
        catch (JsonException e)
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"Invalid {what} JSON: {Describe(e)}", e);
        }
    }

    /// <summary>
    /// The failure in Floe's words: <c>'process-id' is missing</c>, <c>'data-files[0].file-format' has a value of the
    /// wrong type (at line 1, byte 105)</c>; the serializer's own text where it names no member.
    /// </summary>
    private static string Describe(JsonException error)
    {
        string at = error.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "";
        Match missing = s_missing.Match(error.Message);
        if (missing.Success)
        {
            string names = missing.Groups[1].Value;
            return names + (names.Contains(", ", StringComparison.Ordinal) ? " are" : " is") + " missing" + (at.Length > 0 ? $" in '{at}'" : "") + ".";
        }

        if (at.Length == 0)
        {
            return error.Message;
        }

        return s_wrongValue.IsMatch(error.Message)
            ? $"'{at}' has a value of the wrong type or out of range ({ErrorText.JsonPosition(error)})."
            : $"'{at}': {error.Message}";
    }
}
