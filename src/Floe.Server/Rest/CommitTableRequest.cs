using System.Text.Json;
using Floe.Common.Json;
using Floe.Catalog;
using Floe.Common.Errors;
using Floe.Core.Metadata;

namespace Floe.Server.Rest;

/// <summary>
/// <c>CommitTableRequest</c>: optional <c>identifier</c> (required inside a transaction), <c>requirements</c> and
/// <c>updates</c>, each element parsed by Floe.Core; an unknown kind or a bad payload is a 400 naming its position.
/// A missing <c>requirements</c> or <c>updates</c> is empty (clients in the wild omit them); a wrong type is a 400.
/// </summary>
internal sealed record CommitTableRequest(
    TableIdentifier? Identifier,
    IReadOnlyList<UpdateRequirement> Requirements,
    IReadOnlyList<MetadataUpdate> Updates)
{
    public static CommitTableRequest Parse(JsonElement root, string what)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw IcebergRestException.BadRequest($"Invalid {what}: expected a JSON object.");
        }

        var identifier = JsonMembers.Optional(root, "identifier") is { } id ? TableIdentifierJson.Read(id, "identifier", what) : null;
        var requirements = ParseEach(JsonFields.Of(what).OptionalArray(root, "requirements"), "requirements", what, MetadataUpdateJson.ParseRequirement);
        var updates = ParseEach(JsonFields.Of(what).OptionalArray(root, "updates"), "updates", what, MetadataUpdateJson.ParseUpdate);
        return new CommitTableRequest(identifier, requirements, updates);
    }

    /// <summary>Locations an update points the table at, which must stay inside the warehouse.</summary>
    public IEnumerable<string> NewLocations() => Updates.OfType<MetadataUpdate.SetLocation>().Select(u => u.Location);

    private static List<T> ParseEach<T>(JsonElement? maybeArray, string field, string what, Func<string, T> parse)
    {
        if (maybeArray is not { } array)
        {
            return [];
        }

        var list = new List<T>(array.GetArrayLength());
        int index = 0;
        foreach (var element in array.EnumerateArray())
        {
            try
            {
                list.Add(parse(element.GetRawText()));
            }
            catch (FloeException e) when (e.Kind is FloeErrorKind.InvalidData or FloeErrorKind.InvalidArgument)
            {
                throw IcebergRestException.BadRequest($"Invalid {what}: {field}[{index}]: {e.Message}", e);
            }

            index++;
        }

        return list;
    }
}
