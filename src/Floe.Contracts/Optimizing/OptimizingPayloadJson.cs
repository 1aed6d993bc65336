using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Floe.Contracts.Optimizing;

/// <summary>
/// The generated serializers of the optimizing task payloads: the input objects the server hands out in a poll,
/// the output objects an optimizer sends on complete, and the processes the server keeps. Missing required
/// members, a null where the record allows none, a repeated member, numbers out of range, bad base64 and values of
/// the wrong JSON type fail with a <see cref="JsonException"/> naming them; unknown members are ignored.
/// </summary>
[JsonSerializable(typeof(ContentFileMessage))]
[JsonSerializable(typeof(RewriteTaskMessage))]
[JsonSerializable(typeof(RewriteOutputMessage))]
[JsonSerializable(typeof(RewriteProcessMessage))]
[JsonSerializable(typeof(MergeTaskMessage))]
[JsonSerializable(typeof(MergeOutputMessage))]
[JsonSerializable(typeof(MergeProcessMessage))]
public sealed partial class OptimizingPayloadJson : JsonSerializerContext
{
    /// <summary>
    /// The context both sides use: non-ASCII text and quotes written as themselves, not as <c>\uXXXX</c> escapes;
    /// deep nesting allowed for the table schema a task carries.
    /// </summary>
    public static OptimizingPayloadJson Wire { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        AllowDuplicateProperties = false,
        RespectNullableAnnotations = true,
        MaxDepth = 256,
    });
}
