using System.Text.Json;
using Floe.Common.Errors;
using Floe.Server.Rest;
using Floe.Server.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Floe.Server.Management;

/// <summary>Reading request bodies and writing responses of the management API.</summary>
internal static class ManagementJson
{
    public static Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write) =>
        RestResponse.WriteJsonAsync(context, status, write);

    /// <summary>The request body as a JSON object, read by the same rules as the REST catalog's bodies.</summary>
    public static Task<RequestBody> ReadObjectAsync(HttpContext context)
    {
        long maxBytes = context.RequestServices.GetService<IcebergRestOptions>()?.MaxRequestBodyBytes ?? ServerOptions.DefaultMaxRequestBodyBytes;
        return RequestBody.ReadAsync(context, maxBytes, "request", context.RequestAborted);
    }

    public static string? OptionalString(JsonElement body, string name) =>
        body.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : throw new FloeException(FloeErrorKind.InvalidArgument, $"Field '{name}' must be a string.")
            : null;

    public static string RequiredString(JsonElement body, string name) =>
        OptionalString(body, name) ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Field '{name}' is required.");

    public static bool OptionalBool(JsonElement body, string name) =>
        body.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null
        && (value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : throw new FloeException(FloeErrorKind.InvalidArgument, $"Field '{name}' must be true or false."));

    public static List<string>? OptionalStrings(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Field '{name}' must be an array of strings.");
        }

        var items = new List<string>(value.GetArrayLength());
        foreach (JsonElement item in value.EnumerateArray())
        {
            items.Add(item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new FloeException(FloeErrorKind.InvalidArgument, $"Field '{name}' must be an array of strings."));
        }

        return items;
    }

    public static Dictionary<string, string> OptionalMap(JsonElement body, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!body.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return map;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Field '{name}' must be an object of strings.");
        }

        foreach (JsonProperty property in value.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : throw new FloeException(FloeErrorKind.InvalidArgument, $"Field '{name}.{property.Name}' must be a string.");
        }

        return map;
    }

    public static void WriteMap(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string> map)
    {
        writer.WriteStartObject(name);
        foreach ((string key, string value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }
}
