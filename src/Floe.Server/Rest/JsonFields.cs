using System.Text.Json;
using Floe.Common.Errors;
using Floe.Common.Json;

namespace Floe.Server.Rest;

/// <summary>Reads the members of a REST request body; a missing or mistyped member is a 400 naming member and request.</summary>
internal sealed class JsonFields(string what) : JsonMembers
{
    /// <summary>The reader of request <paramref name="what"/> (<c>create table request</c>).</summary>
    public static JsonFields Of(string what) => new(what);

    public override FloeException Missing(string member) =>
        IcebergRestException.BadRequest($"Invalid {what}: missing required field '{member}'.");

    public override FloeException Wrong(string member, string expected, JsonElement found) =>
        IcebergRestException.BadRequest($"Invalid {what}: '{member}' must be {expected}, found {Describe(found)}.");

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
