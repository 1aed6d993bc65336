using System.Text.Json;

namespace Floe.Http;

/// <summary>Reads the error body Floe's server (and the Iceberg REST spec) sends: <c>{"error":{"message","type","code"}}</c>.</summary>
public static class HttpErrorBody
{
    /// <summary>The message and type of <paramref name="body"/>, or nulls when it is not such a body.</summary>
    public static (string? Message, string? Type) Read(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("error", out var error))
            {
                return (null, null);
            }

            return error.ValueKind switch
            {
                JsonValueKind.Object => (StringOf(error, "message"), StringOf(error, "type")),
                JsonValueKind.String => (error.GetString(), null),
                _ => (null, null),
            };
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? StringOf(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
