using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Floe.Contracts.Optimizer;

/// <summary>
/// The generated serializers of the optimizer protocol's records. Members are named explicitly on the records;
/// missing required members, a null where the record allows none, a repeated member, numbers out of range
/// and values of the wrong JSON type fail with a
/// <see cref="JsonException"/> naming them; unknown members are ignored so either side may add some.
/// </summary>
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(RegisterResponse))]
[JsonSerializable(typeof(EmptyMessage))]
[JsonSerializable(typeof(PollRequest))]
[JsonSerializable(typeof(PollResponse))]
[JsonSerializable(typeof(AckRequest))]
[JsonSerializable(typeof(CompleteRequest))]
public sealed partial class OptimizerProtocolJson : JsonSerializerContext
{
    /// <summary>
    /// The context both sides use: non-ASCII text and quotes are written as themselves (as the hand-written
    /// protocol did), not as <c>\uXXXX</c> escapes.
    /// </summary>
    public static OptimizerProtocolJson Wire { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        AllowDuplicateProperties = false,
        RespectNullableAnnotations = true,
    });
}
