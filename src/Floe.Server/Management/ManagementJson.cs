using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Floe.Common.Errors;
using Floe.Contracts.Management;
using Floe.Server.Configuration;
using Floe.Server.Rest;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Floe.Server.Management;

/// <summary>Reading request bodies and writing responses of the management API with its contract records.</summary>
internal static class ManagementJson
{
    public static ManagementApiJson Contract => ManagementApiJson.Wire;

    public static Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type) =>
        RestResponse.WriteJsonAsync(context, status, writer => JsonSerializer.Serialize(writer, value, type));

    /// <summary>The request body as a JSON object, read by the same rules as the REST catalog's bodies.</summary>
    public static Task<RequestBody> ReadObjectAsync(HttpContext context)
    {
        long maxBytes = context.RequestServices.GetService<IcebergRestOptions>()?.MaxRequestBodyBytes ?? ServerOptions.DefaultMaxRequestBodyBytes;
        return RequestBody.ReadAsync(context, maxBytes, "request", context.RequestAborted);
    }

    /// <summary>
    /// The body as the request record: read by the body rules, then bound by the generated serializer; a missing
    /// member or one of the wrong type is a 400 naming the member and what it must be.
    /// </summary>
    public static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type)
    {
        using RequestBody body = await ReadObjectAsync(context).ConfigureAwait(false);
        foreach (JsonPropertyInfo member in type.Properties.Where(p => p.IsRequired))
        {
            if (!body.Root.TryGetProperty(member.Name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Field '{member.Name}' is required.");
            }
        }

        try
        {
            return body.Root.Deserialize(type) ?? throw new FloeException(FloeErrorKind.InvalidArgument, "The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            JsonPropertyInfo? member = type.Properties.FirstOrDefault(p => e.Path is { } path && IsMemberPath(path, p.Name));
            throw new FloeException(
                FloeErrorKind.InvalidArgument,
                member is null ? $"Invalid request body: {e.Message}" : $"Field '{member.Name}' must be {Expected(member.PropertyType)}.",
                e);
        }
    }

    /// <summary>A map for a record, written in ordinal key order.</summary>
    public static IReadOnlyDictionary<string, string> Sorted(IReadOnlyDictionary<string, string> map) =>
        new SortedDictionary<string, string>(map.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), StringComparer.Ordinal);

    private static bool IsMemberPath(string path, string name) =>
        path == "$." + name || path.StartsWith("$." + name + ".", StringComparison.Ordinal) || path.StartsWith("$." + name + "[", StringComparison.Ordinal)
        || path.StartsWith("$['" + name + "']", StringComparison.Ordinal);

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) ? "a string"
            : type == typeof(bool) ? "true or false"
            : type == typeof(int) || type == typeof(long) ? "a whole number"
            : typeof(IEnumerable<KeyValuePair<string, string>>).IsAssignableFrom(type) ? "an object of strings"
            : typeof(IEnumerable<string>).IsAssignableFrom(type) ? "an array of strings"
            : "of another type";
    }
}
