using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Floe.Server.Rest;

/// <summary>Writes JSON responses straight into the response pipe with a <see cref="Utf8JsonWriter"/>.</summary>
internal static class RestResponse
{
    public const string JsonContentType = "application/json";

    // Metadata is not HTML: keep '+', '<' and non-ASCII readable, as other Iceberg catalogs do.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = JsonContentType;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions);
        await using (writer.ConfigureAwait(false))
        {
            write(writer);
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    public static Task NoContentAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }
}
