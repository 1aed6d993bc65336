using System.Text.Json;
using Floe.Common.Json;
using Floe.Catalog;
using Floe.Common.Errors;
using Microsoft.AspNetCore.Http;

namespace Floe.Server.Rest;

/// <summary>The namespace routes: list (with <c>parent</c> and paging), create, load, exists, drop and property updates.</summary>
internal static class NamespaceHandlers
{
    public static async Task ListAsync(RestCall call)
    {
        var parent = call.Query("parent") is { } text ? NamespacePath.Parse(text) : Namespace.Empty;
        var paging = Paging.FromQuery(call.Http.Request, call.Options);
        if (!parent.IsEmpty && !await call.Catalog.NamespaceExistsAsync(parent, call.Aborted).ConfigureAwait(false))
        {
            throw IcebergRestException.NoSuchNamespace($"Namespace {parent} does not exist.");
        }

        var all = await call.Catalog.ListNamespacesAsync(parent, call.Aborted).ConfigureAwait(false);
        var (page, next) = paging.Apply(all, n => n.Levels[^1]);
        await RestResponse.WriteJsonAsync(call.Http, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("namespaces");
            foreach (var @namespace in page)
            {
                NamespacePath.Write(writer, @namespace);
            }

            writer.WriteEndArray();
            WriteNextPageToken(writer, next);
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    public static async Task CreateAsync(RestCall call)
    {
        const string What = "create namespace request";
        Namespace @namespace;
        Dictionary<string, string> properties;
        using (var body = await call.ReadBodyAsync(What).ConfigureAwait(false))
        {
            @namespace = NamespacePath.FromJson(JsonFields.Of(What).Required(body.Root, "namespace"), "namespace", What);
            properties = JsonFields.Of(What).StringMap(JsonMembers.Optional(body.Root, "properties"), "properties");
        }

        if (@namespace.IsEmpty)
        {
            throw IcebergRestException.BadRequest($"Invalid {What}: 'namespace' must have at least one level.");
        }

        if (@namespace.Parent is { IsEmpty: false } parent && !await call.Catalog.NamespaceExistsAsync(parent, call.Aborted).ConfigureAwait(false))
        {
            throw IcebergRestException.NoSuchNamespace($"Cannot create namespace {@namespace}: parent namespace {parent} does not exist.");
        }

        await call.Catalog.CreateNamespaceAsync(@namespace, properties, call.Aborted).ConfigureAwait(false);
        await WriteNamespaceAsync(call.Http, @namespace, properties).ConfigureAwait(false);
    }

    public static async Task LoadAsync(RestCall call)
    {
        var @namespace = call.Namespace();
        var properties = await call.Catalog.LoadNamespacePropertiesAsync(@namespace, call.Aborted).ConfigureAwait(false);
        await WriteNamespaceAsync(call.Http, @namespace, properties).ConfigureAwait(false);
    }

    public static async Task ExistsAsync(RestCall call)
    {
        var @namespace = call.Namespace();
        if (!await call.Catalog.NamespaceExistsAsync(@namespace, call.Aborted).ConfigureAwait(false))
        {
            throw IcebergRestException.NoSuchNamespace($"Namespace {@namespace} does not exist.");
        }

        await RestResponse.NoContentAsync(call.Http).ConfigureAwait(false);
    }

    public static async Task DropAsync(RestCall call)
    {
        var @namespace = call.Namespace();
        bool dropped;
        try
        {
            dropped = await call.Catalog.DropNamespaceAsync(@namespace, call.Aborted).ConfigureAwait(false);
        }
        catch (FloeException e) when (e.Kind == FloeErrorKind.NotEmpty)
        {
            throw new IcebergRestException(StatusCodes.Status409Conflict, IcebergErrorTypes.NamespaceNotEmpty, e.Message, e);
        }

        if (!dropped)
        {
            throw IcebergRestException.NoSuchNamespace($"Namespace {@namespace} does not exist.");
        }

        await RestResponse.NoContentAsync(call.Http).ConfigureAwait(false);
    }

    public static async Task UpdatePropertiesAsync(RestCall call)
    {
        const string What = "update namespace properties request";
        var @namespace = call.Namespace();
        List<string> removals;
        Dictionary<string, string> updates;
        using (var body = await call.ReadBodyAsync(What).ConfigureAwait(false))
        {
            removals = JsonMembers.Optional(body.Root, "removals") is { } list ? JsonFields.Of(What).Strings(list, "removals") : [];
            updates = JsonFields.Of(What).StringMap(JsonMembers.Optional(body.Root, "updates"), "updates");
        }

        var both = removals.Where(updates.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
        if (both.Count > 0)
        {
            throw new IcebergRestException(StatusCodes.Status422UnprocessableEntity, IcebergErrorTypes.UnprocessableEntity,
                $"Invalid {What}: {Quoted(both)} both set and removed.");
        }

        var change = await call.Catalog.UpdateNamespacePropertiesAsync(@namespace, removals, updates, call.Aborted).ConfigureAwait(false);
        await RestResponse.WriteJsonAsync(call.Http, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            WriteStrings(writer, "updated", change.Updated);
            WriteStrings(writer, "removed", change.Removed);
            WriteStrings(writer, "missing", change.Missing);
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    internal static void WriteNextPageToken(Utf8JsonWriter writer, string? next)
    {
        if (next is not null)
        {
            writer.WriteString("next-page-token", next);
        }
    }

    private static Task WriteNamespaceAsync(HttpContext http, Namespace @namespace, IReadOnlyDictionary<string, string> properties) =>
        RestResponse.WriteJsonAsync(http, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            NamespacePath.Write(writer, "namespace", @namespace);
            writer.WriteStartObject("properties");
            foreach (var (key, value) in properties.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static string Quoted(List<string> keys) =>
        keys.Count == 1 ? $"key '{keys[0]}' is" : $"keys {string.Join(", ", keys.Select(k => $"'{k}'"))} are";
}
