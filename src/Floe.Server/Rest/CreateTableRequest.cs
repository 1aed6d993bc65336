using System.Text.Json;
using Floe.Common.Json;
using System.Text.Json.Nodes;
using Floe.Common.Errors;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Sorting;

namespace Floe.Server.Rest;

/// <summary>
/// <c>CreateTableRequest</c>: name, schema, optional location, partition spec, write order, stage-create flag and
/// properties. The spec and order may leave out their (read-only) ids; the table gets fresh ids on create anyway.
/// </summary>
internal sealed record CreateTableRequest(
    string Name,
    Schema Schema,
    string? Location,
    PartitionSpec? Spec,
    SortOrder? WriteOrder,
    bool StageCreate,
    Dictionary<string, string> Properties)
{
    private const string What = "create table request";

    public static CreateTableRequest Parse(JsonElement root)
    {
        string name = JsonFields.Of(What).String(root, "name");
        var schema = ParseModel("schema", JsonFields.Of(What).Object(root, "schema"), SchemaJson.Parse);
        PartitionSpec? spec = JsonMembers.Optional(root, "partition-spec") is { } specJson
            ? ParseModel("partition-spec", WithDefaultId(specJson, "spec-id", "partition-spec"), json => PartitionSpecJson.Parse(json, PartitionSpec.FirstFieldId))
            : null;
        SortOrder? order = JsonMembers.Optional(root, "write-order") is { } orderJson
            ? ParseModel("write-order", WithDefaultId(orderJson, "order-id", "write-order"), SortOrderJson.Parse)
            : null;
        return new CreateTableRequest(
            name,
            schema,
            JsonFields.Of(What).OptionalString(root, "location"),
            spec,
            order,
            JsonFields.Of(What).OptionalBool(root, "stage-create", defaultValue: false),
            JsonFields.Of(What).StringMap(JsonMembers.Optional(root, "properties"), "properties"));
    }

    private static T ParseModel<T>(string field, JsonElement value, Func<string, T> parse)
    {
        try
        {
            return parse(value.GetRawText());
        }
        catch (FloeException e) when (e.Kind is FloeErrorKind.InvalidData or FloeErrorKind.InvalidArgument)
        {
            throw IcebergRestException.BadRequest($"Invalid {What}: '{field}': {e.Message}", e);
        }
    }

    // The spec id and order id are read-only in the protocol: clients may leave them out.
    private static JsonElement WithDefaultId(JsonElement value, string idName, string field)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw JsonFields.Of(What).Wrong(field, "an object", value);
        }

        if (value.TryGetProperty(idName, out _))
        {
            return value;
        }

        var node = JsonNode.Parse(value.GetRawText())!.AsObject();
        bool hasFields = node["fields"] is JsonArray { Count: > 0 };
        node[idName] = idName == "order-id" && hasFields ? 1 : 0;
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }
}
